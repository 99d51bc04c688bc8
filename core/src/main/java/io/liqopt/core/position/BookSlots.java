package io.liqopt.core.position;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The positions of a {@link PositionBook} by slot: id, version, debt and holdings, the slot of each
 * id, and the free slots a new position reuses. A slot's debt and holdings are one array, {@code
 * {debt, asset₀, quantity₀, asset₁, quantity₁, …}} (asset indexes as doubles, exact): a health
 * factor reads one object, not three (on a tick's path each is a cache miss). A write replaces a
 * slot's array, never changes it in place (a {@link RebasePlan} holds them by reference). Not
 * thread-safe: the book's.
 */
final class BookSlots {
  final IdIndex slotOf = new IdIndex(s -> this.ids[s]);
  String[] ids = new String[16];
  long[] versions = new long[16];
  double[][] packed = new double[16][];

  /** Slots used so far (live or free): the live ones are those with an id. */
  int count;

  private final List<Integer> free = new ArrayList<>();

  /** A slot for the new {@code id}: a free one, else a new one. */
  int add(String id) {
    int s = free.isEmpty() ? grow() : free.remove(free.size() - 1);
    ids[s] = id;
    slotOf.put(id, s);
    return s;
  }

  /** Frees the slot of {@code id}; the slot, or -1 when absent. */
  int remove(String id) {
    int s = slotOf.remove(id);
    if (s >= 0) {
      ids[s] = null;
      packed[s] = null;
      free.add(s);
    }
    return s;
  }

  /** Slot {@code s}'s debt and holdings, as {@link #pack} lays them out. */
  void set(int s, int[] assets, double[] quantities, double debt) {
    packed[s] = pack(assets, quantities, debt);
  }

  /** {@code {debt, asset₀, quantity₀, …}}: a slot's one array. */
  static double[] pack(int[] assets, double[] quantities, double debt) {
    double[] p = new double[1 + 2 * assets.length];
    p[0] = debt;
    for (int k = 0; k < assets.length; k++) {
      p[1 + 2 * k] = assets[k];
      p[2 + 2 * k] = quantities[k];
    }
    return p;
  }

  /** The number of holdings of a slot's array. */
  static int holdings(double[] p) {
    return p.length >> 1;
  }

  /** The asset index of holding {@code k} of a slot's array. */
  static int asset(double[] p, int k) {
    return (int) p[1 + 2 * k];
  }

  /** Whether a slot's array holds any of {@code assets}. */
  static boolean holdsAny(double[] p, int[] assets) {
    for (int k = 0; k < holdings(p); k++) {
      int j = asset(p, k);
      for (int a : assets) {
        if (j == a) {
          return true;
        }
      }
    }
    return false;
  }

  /** Slot s's health factor at weighted prices {@code w}. */
  double hf(int s, double[] w) {
    return hf(packed[s], w);
  }

  /**
   * HF = Σ<sub>k</sub> q<sub>k</sub>·w<sub>a<sub>k</sub></sub> / debt of a slot's array: the book's
   * one formula.
   */
  static double hf(double[] p, double[] w) {
    return collateral(p, w) / p[0];
  }

  /** Σ<sub>k</sub> q<sub>k</sub>·w<sub>a<sub>k</sub></sub>: the collateral's value at {@code w}. */
  static double collateral(double[] p, double[] w) {
    double c = 0;
    for (int i = 1; i < p.length; i += 2) {
      c += p[i + 1] * w[(int) p[i]];
    }
    return c;
  }

  /** Copies slots [from, to) by reference (their arrays are never changed in place). */
  void copy(int from, int to, String[] id, double[][] slots) {
    System.arraycopy(ids, from, id, from, to - from);
    System.arraycopy(packed, from, slots, from, to - from);
  }

  /**
   * Visits every position's stored fields. The arrays given are scratch, one per holding count,
   * refilled for each position: read only, during the call.
   */
  void forEachStored(StoredVisitor v) {
    Scratch scratch = new Scratch();
    for (int s = 0; s < count; s++) {
      if (ids[s] != null) {
        visit(s, v, scratch);
      }
    }
  }

  /** Visits slot {@code s}'s stored fields through {@code scratch}'s arrays. */
  void visit(int s, StoredVisitor v, Scratch scratch) {
    double[] p = packed[s];
    int n = holdings(p);
    int[] a = scratch.assets(n);
    double[] q = scratch.quantities(n);
    for (int k = 0; k < n; k++) {
      a[k] = asset(p, k);
      q[k] = p[2 + 2 * k];
    }
    v.visit(ids[s], versions[s], a, q, p[0]);
  }

  /** Arrays of each length, reused from one visited position to the next. */
  static final class Scratch {
    private int[][] assets = new int[4][];
    private double[][] quantities = new double[4][];

    int[] assets(int n) {
      grow(n);
      return assets[n] == null ? assets[n] = new int[n] : assets[n];
    }

    double[] quantities(int n) {
      grow(n);
      return quantities[n] == null ? quantities[n] = new double[n] : quantities[n];
    }

    private void grow(int n) {
      if (n >= assets.length) {
        assets = Arrays.copyOf(assets, n + 1);
        quantities = Arrays.copyOf(quantities, n + 1);
      }
    }
  }

  private int grow() {
    if (count == ids.length) {
      int n = ids.length * 2;
      ids = Arrays.copyOf(ids, n);
      versions = Arrays.copyOf(versions, n);
      packed = Arrays.copyOf(packed, n);
    }
    return count++;
  }
}

package io.liqopt.core.position;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The positions of a {@link PositionBook} by slot: id, version, holdings and debt, the slot of each
 * id, and the free slots a new position reuses. A write replaces a slot's holding arrays, never
 * changes them in place (a {@link RebasePlan} holds them by reference). Not thread-safe: the
 * book's.
 */
final class BookSlots {
  final IdIndex slotOf = new IdIndex(s -> this.ids[s]);
  String[] ids = new String[16];
  long[] versions = new long[16];
  double[] debt = new double[16];
  int[][] holdAsset = new int[16][];
  double[][] holdQty = new double[16][];

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
      holdAsset[s] = null;
      holdQty[s] = null;
      free.add(s);
    }
    return s;
  }

  /** Slot s's health factor at weighted prices {@code w}. */
  double hf(int s, double[] w) {
    return hf(holdAsset[s], holdQty[s], debt[s], w);
  }

  /** HF = Σ<sub>k</sub> q<sub>k</sub>·w<sub>a<sub>k</sub></sub> / debt: the book's one formula. */
  static double hf(int[] a, double[] q, double debt, double[] w) {
    double c = 0;
    for (int k = 0; k < a.length; k++) {
      c += q[k] * w[a[k]];
    }
    return c / debt;
  }

  /** Copies slots [from, to) by reference (their holding arrays are never changed in place). */
  void copy(int from, int to, String[] id, int[][] asset, double[][] qty, double[] d) {
    System.arraycopy(ids, from, id, from, to - from);
    System.arraycopy(holdAsset, from, asset, from, to - from);
    System.arraycopy(holdQty, from, qty, from, to - from);
    System.arraycopy(debt, from, d, from, to - from);
  }

  /** Visits every position's stored fields (arrays: read only). */
  void forEachStored(StoredVisitor v) {
    for (int s = 0; s < count; s++) {
      if (ids[s] != null) {
        v.visit(ids[s], versions[s], holdAsset[s], holdQty[s], debt[s]);
      }
    }
  }

  private int grow() {
    if (count == ids.length) {
      int n = ids.length * 2;
      ids = Arrays.copyOf(ids, n);
      versions = Arrays.copyOf(versions, n);
      debt = Arrays.copyOf(debt, n);
      holdAsset = Arrays.copyOf(holdAsset, n);
      holdQty = Arrays.copyOf(holdQty, n);
    }
    return count++;
  }
}

package io.liqopt.core.position;

import java.util.Arrays;

/**
 * The index of {@link PositionBook}: per asset, its holders sorted by their reference health
 * factor, with keys rounded down to floats (each key ≤ its HF, so a prefix query never misses a
 * holder below the bound). Immutable once built.
 */
final class HolderIndex {
  private final int[][] holders;
  private final float[][] keys;

  private HolderIndex(int[][] holders, float[][] keys) {
    this.holders = holders;
    this.keys = keys;
  }

  /**
   * The index of the live slots (id not null) over {@code assets} assets, from each slot's array
   * ({@link BookSlots}).
   */
  static HolderIndex build(
      int assets, int slots, String[] ids, double[][] slotArrays, double[] hfRef) {
    int[] count = new int[assets];
    for (int s = 0; s < slots; s++) {
      if (ids[s] != null) {
        for (int k = 0; k < BookSlots.holdings(slotArrays[s]); k++) {
          count[BookSlots.asset(slotArrays[s], k)]++;
        }
      }
    }
    long[][] packed = new long[assets][];
    for (int j = 0; j < assets; j++) {
      packed[j] = new long[count[j]];
    }
    int[] filled = new int[assets];
    for (int s = 0; s < slots; s++) {
      if (ids[s] != null) {
        long bits = (long) Float.floatToIntBits(floatAtMost(hfRef[s])) << 32;
        for (int k = 0; k < BookSlots.holdings(slotArrays[s]); k++) {
          int j = BookSlots.asset(slotArrays[s], k);
          packed[j][filled[j]++] = bits | s;
        }
      }
    }
    int[][] holders = new int[assets][];
    float[][] keys = new float[assets][];
    for (int j = 0; j < assets; j++) {
      // HF ≥ 0: the float bits sort as the floats; in slot order within a key, as filled
      sortByHighInt(packed[j]);
      holders[j] = new int[packed[j].length];
      keys[j] = new float[packed[j].length];
      for (int k = 0; k < packed[j].length; k++) {
        holders[j][k] = (int) packed[j][k];
        keys[j][k] = Float.intBitsToFloat((int) (packed[j][k] >>> 32));
      }
    }
    return new HolderIndex(holders, keys);
  }

  /**
   * Sorts {@code a} by the high 32 bits of each value (non-negative as ints), keeping the order of
   * equal ones: a least-significant-digit radix sort, 8 bits a pass, a pass skipped when every
   * value has the same digit. Four passes over the array instead of a comparison sort's log n: the
   * index of 1 000 000 positions is rebuilt in the background on every 5 % of drift.
   */
  static void sortByHighInt(long[] a) {
    long[] from = a;
    long[] to = new long[a.length];
    int[] start = new int[257];
    for (int shift = 32; shift < 64; shift += 8) {
      Arrays.fill(start, 0);
      for (long x : from) {
        start[(int) (x >>> shift & 0xFF) + 1]++;
      }
      boolean one = false;
      for (int d = 0; d < 256 && !one; d++) {
        one = start[d + 1] == from.length;
      }
      if (one) {
        continue;
      }
      for (int d = 0; d < 256; d++) {
        start[d + 1] += start[d];
      }
      for (long x : from) {
        to[start[(int) (x >>> shift & 0xFF)]++] = x;
      }
      long[] t = from;
      from = to;
      to = t;
    }
    if (from != a) {
      System.arraycopy(from, 0, a, 0, a.length);
    }
  }

  /** Asset {@code j}'s holders, by ascending reference HF (not copied: do not modify). */
  int[] holders(int j) {
    return holders[j];
  }

  /**
   * How many of asset {@code j}'s first holders surely have a reference HF below {@code bound}: a
   * key k stands for an HF in [k, nextUp(k)), so those whose key is under the float below the
   * largest float at most {@code bound}.
   */
  int surelyBelow(int j, double bound) {
    return below(j, Math.nextDown(floatAtMost(bound)));
  }

  /** How many of asset {@code j}'s holders have a key below {@code bound}. */
  int below(int j, double bound) {
    float[] k = keys[j];
    int lo = 0;
    int hi = k.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (k[mid] < bound) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The largest float not above {@code x} (x ≥ 0). */
  private static float floatAtMost(double x) {
    float f = (float) x;
    return f > x ? Math.nextDown(f) : f;
  }
}

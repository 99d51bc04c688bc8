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

  /** The index of the live slots (id not null) over {@code assets} assets. */
  static HolderIndex build(int assets, int slots, String[] ids, int[][] holdAsset, double[] hfRef) {
    int[] count = new int[assets];
    for (int s = 0; s < slots; s++) {
      if (ids[s] != null) {
        for (int j : holdAsset[s]) {
          count[j]++;
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
        for (int j : holdAsset[s]) {
          packed[j][filled[j]++] = bits | s;
        }
      }
    }
    int[][] holders = new int[assets][];
    float[][] keys = new float[assets][];
    for (int j = 0; j < assets; j++) {
      // HF ≥ 0: the float bits sort as the floats
      Arrays.sort(packed[j]);
      holders[j] = new int[packed[j].length];
      keys[j] = new float[packed[j].length];
      for (int k = 0; k < packed[j].length; k++) {
        holders[j][k] = (int) packed[j][k];
        keys[j][k] = Float.intBitsToFloat((int) (packed[j][k] >>> 32));
      }
    }
    return new HolderIndex(holders, keys);
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

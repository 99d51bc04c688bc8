package io.liqopt.core.position;

import java.util.Arrays;

/**
 * The weighted prices w<sub>j</sub> = P<sub>j</sub>·LT<sub>j</sub> of {@link PositionBook}'s assets
 * now and at its last rebase, their ratios ρ<sub>j</sub> =
 * w<sub>j</sub>/w<sub>j</sub><sup>ref</sup>, and the smallest min<sub>j</sub> ρ<sub>j</sub> any
 * evaluation since the rebase ran at. Not thread-safe: the book's.
 */
final class WeightedPrices {
  /** Now, by asset index (read in the book's inner loop: not copied). */
  final double[] now;

  private final double[] ref;
  private double lowest = 1;

  WeightedPrices(double[] w) {
    for (double x : w) {
      check(x);
    }
    this.now = w.clone();
    this.ref = w.clone();
  }

  /** Asset j's weighted price is now {@code w}. */
  void set(int j, double w) {
    check(w);
    now[j] = w;
  }

  /**
   * Every asset's weighted price is now {@code w} (all checked before any is set); the indexes of
   * those that changed.
   */
  int[] setAll(double[] w) {
    if (w.length != now.length) {
      throw new IllegalArgumentException("one weighted price per asset is needed");
    }
    int[] moved = new int[w.length];
    int n = 0;
    for (int j = 0; j < w.length; j++) {
      check(w[j]);
      if (Double.compare(w[j], now[j]) != 0) {
        moved[n++] = j;
      }
    }
    System.arraycopy(w, 0, now, 0, w.length);
    return Arrays.copyOf(moved, n);
  }

  /** Whether some asset's weighted price moved more than {@code drift} since the rebase. */
  boolean drifted(double drift) {
    for (int j = 0; j < now.length; j++) {
      if (Math.abs(now[j] / ref[j] - 1) > drift) {
        return true;
      }
    }
    return false;
  }

  /** The smallest ({@code min}) or largest ratio of an asset's weighted price to its reference. */
  double ratio(boolean min) {
    double rho = min ? Double.POSITIVE_INFINITY : 0;
    for (int j = 0; j < now.length; j++) {
      double r = now[j] / ref[j];
      rho = min ? Math.min(rho, r) : Math.max(rho, r);
    }
    return rho;
  }

  /** Notes an evaluation at smallest ratio {@code rho}; the smallest since the rebase. */
  double evaluatedAt(double rho) {
    lowest = Math.min(lowest, rho);
    return lowest;
  }

  /**
   * {@code w} (the prices a rebase began at) becomes the reference, and {@code low} the smallest
   * ratio since: the liquidatable positions' reference HFs are below 1 / {@code low}.
   */
  void rebaseTo(double[] w, double low) {
    System.arraycopy(w, 0, ref, 0, ref.length);
    lowest = low;
  }

  private static void check(double w) {
    if (!(w > 0) || !Double.isFinite(w)) {
      throw new IllegalArgumentException("a weighted price must be positive and finite, was " + w);
    }
  }
}

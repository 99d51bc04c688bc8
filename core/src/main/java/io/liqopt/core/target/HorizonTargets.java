package io.liqopt.core.target;

import io.liqopt.core.Checks;

/**
 * The targets of one series for one horizon H, one value per bar t, NaN where undefined: when fewer
 * than H bars follow t, or when the H bars after t are not contiguous (the window crosses a gap).
 * Undefined targets are excluded, never filled.
 *
 * <ul>
 *   <li>{@code realisedVariance(t)} = Σ<sub>k=1..H</sub> r²<sub>t+k</sub>, r the log close-to-close
 *       return, not annualised;
 *   <li>{@code logRealisedVariance(t)} = its logarithm (NaN if the variance is 0: a flat window);
 *   <li>{@code longAdverseMove(t)} = MAE<sub>H</sub>(t) = 1 −
 *       min(L<sub>t+1..t+H</sub>)/C<sub>t</sub>, floored at 0 (the price may not fall at all);
 *   <li>{@code shortAdverseMove(t)} = max(H<sub>t+1..t+H</sub>)/C<sub>t</sub> − 1, floored at 0.
 * </ul>
 *
 * <p>Immutable; the arrays are never handed out.
 */
public final class HorizonTargets {
  private final int horizonHours;
  private final long[] openTimeMs;
  private final double[] realisedVariance;
  private final double[] longAdverseMove;
  private final double[] shortAdverseMove;

  HorizonTargets(
      int horizonHours,
      long[] openTimeMs,
      double[] realisedVariance,
      double[] longAdverseMove,
      double[] shortAdverseMove) {
    this.horizonHours = Checks.positive(horizonHours, "horizonHours");
    this.openTimeMs = openTimeMs;
    this.realisedVariance = realisedVariance;
    this.longAdverseMove = longAdverseMove;
    this.shortAdverseMove = shortAdverseMove;
  }

  /** The horizon H in hours. */
  public int horizonHours() {
    return horizonHours;
  }

  /** The number of bars (defined or not). */
  public int size() {
    return openTimeMs.length;
  }

  /** The open time of bar t, UTC epoch ms. */
  public long openTimeMs(int t) {
    return openTimeMs[t];
  }

  /** True if the targets of bar t are defined. */
  public boolean isDefined(int t) {
    return !Double.isNaN(realisedVariance[t]);
  }

  /** Σ r² over the next H bars; NaN if undefined. */
  public double realisedVariance(int t) {
    return realisedVariance[t];
  }

  /** ln of {@link #realisedVariance}; NaN if undefined or zero. */
  public double logRealisedVariance(int t) {
    double v = realisedVariance[t];
    return v > 0 ? Math.log(v) : Double.NaN;
  }

  /** MAE of a long position over the next H bars, a fraction in [0, 1); NaN if undefined. */
  public double longAdverseMove(int t) {
    return longAdverseMove[t];
  }

  /** Adverse move of a short position over the next H bars, a fraction ≥ 0; NaN if undefined. */
  public double shortAdverseMove(int t) {
    return shortAdverseMove[t];
  }

  /**
   * The stress label: {@code longAdverseMove(t) > level}.
   *
   * @throws IllegalStateException if the target of t is undefined (check {@link #isDefined})
   */
  public boolean isStress(int t, double level) {
    if (!isDefined(t)) {
      throw new IllegalStateException(
          "the "
              + horizonHours
              + " h target at row "
              + t
              + " is undefined (window crosses a gap or the end of data)");
    }
    return longAdverseMove[t] > level;
  }

  /** The number of bars whose targets are defined. */
  public int definedCount() {
    int c = 0;
    for (double v : realisedVariance) {
      if (!Double.isNaN(v)) {
        c++;
      }
    }
    return c;
  }
}

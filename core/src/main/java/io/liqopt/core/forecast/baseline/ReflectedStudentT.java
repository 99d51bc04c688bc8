package io.liqopt.core.forecast.baseline;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The stress probability P(MAE<sub>H</sub> &gt; L) of a long position as a fixed function of the
 * variance forecast σ̂²<sub>H</sub> of the H-hour log return: the reflection principle of a
 * driftless continuous process (the running minimum falls below −a with twice the probability that
 * the end point does) with Student-t moves of unit variance,
 *
 * <pre>
 *   P(MAE_H &gt; L) = min(1, 2·F_ν(−a / (σ̂_H·√((ν − 2)/ν)))),   a = −ln(1 − L),
 * </pre>
 *
 * F<sub>ν</sub> the Student-t distribution function (Hipparchus {@link TDistribution}). MAE &gt; L
 * is the log low falling more than a below the close, so a is exact; the reflection and the
 * Student-t law are the approximations. The map has one parameter, ν, and no sample of standardised
 * moves, so it does not change from one fit to the next with the tail of a short calibration block:
 * its probabilities rank rows exactly as the variance does, within a fit and across fits. ν is
 * chosen by maximum Bernoulli likelihood over {@link #NU_GRID} ({@link #fit}). Immutable and
 * thread-safe; {@link #exceedance} does not allocate.
 */
public final class ReflectedStudentT {
  /** The degrees of freedom {@link #fit} chooses among (100: close to the normal law). */
  public static final double[] NU_GRID = {2.5, 3, 3.5, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100};

  /** Probabilities are clipped to [FLOOR, 1 − FLOOR] in the likelihood. */
  private static final double FLOOR = 1e-12;

  private final double nu;
  private final double unitScale;
  private final TDistribution t;

  private ReflectedStudentT(double nu) {
    this.nu = nu;
    this.unitScale = Math.sqrt((nu - 2) / nu);
    this.t = new TDistribution(nu);
  }

  /**
   * The map with {@code nu} degrees of freedom.
   *
   * @throws IllegalArgumentException unless ν &gt; 2 and finite (the variance must exist)
   */
  public static ReflectedStudentT of(double nu) {
    if (!(nu > 2) || !Double.isFinite(nu)) {
      throw new IllegalArgumentException(
          "the Student-t degrees of freedom must be finite and above 2, was " + nu);
    }
    return new ReflectedStudentT(nu);
  }

  /** ν. */
  public double nu() {
    return nu;
  }

  /**
   * P(MAE &gt; {@code level}) under variance {@code variance} of the log return over the horizon;
   * NaN when the variance is not positive and finite.
   *
   * @param level L in (0, 1)
   */
  public double exceedance(double level, double variance) {
    if (!(variance > 0) || !Double.isFinite(variance)) {
      return Double.NaN;
    }
    double a = -Math.log1p(-level);
    double x = a / (Math.sqrt(variance) * unitScale);
    return Math.min(1, 2 * t.cumulativeProbability(-x));
  }

  /**
   * The ν of {@link #NU_GRID} of highest Bernoulli likelihood of {@code events} (ties: the smaller
   * ν); rows without a positive finite variance are left out.
   *
   * @throws IllegalArgumentException if the arrays differ in length or the level is not in (0, 1)
   */
  public static ReflectedStudentT fit(double[] variance, boolean[] events, double level) {
    if (variance.length != events.length) {
      throw new IllegalArgumentException(
          "one variance per event is needed, had " + variance.length + " and " + events.length);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("the stress level must be in (0, 1), was " + level);
    }
    ReflectedStudentT best = null;
    double bestLogLikelihood = Double.NEGATIVE_INFINITY;
    for (double nu : NU_GRID) {
      ReflectedStudentT m = new ReflectedStudentT(nu);
      double ll = 0;
      for (int i = 0; i < variance.length; i++) {
        double p = m.exceedance(level, variance[i]);
        if (Double.isNaN(p)) {
          continue;
        }
        p = Math.min(1 - FLOOR, Math.max(FLOOR, p));
        ll += events[i] ? Math.log(p) : Math.log1p(-p);
      }
      if (ll > bestLogLikelihood) {
        bestLogLikelihood = ll;
        best = m;
      }
    }
    return best;
  }
}

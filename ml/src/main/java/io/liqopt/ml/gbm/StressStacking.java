package io.liqopt.ml.gbm;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liqopt.core.Checks;
import io.liqopt.core.forecast.baseline.ReflectedStudentT;

/**
 * The ML stress probability as a logistic stack of two forecasts of the same event (Wolpert 1992,
 * stacked generalisation; Platt 1999 scaling is the one-input case): p = σ(b₀ +
 * b₁·logit(p<sub>vol</sub>) + b₂·logit(p<sub>trees</sub>)), where p<sub>vol</sub> is the exceedance
 * probability of the level under the volatility forecast (filtered historical simulation of the
 * standardised moves) and p<sub>trees</sub> the gradient-boosted classifier's raw probability.
 * Fitted by maximum likelihood on the calibration block only, with b₁, b₂ ≥ 0 (an input whose
 * weight would be negative is dropped and the rest refitted), so the map is non-decreasing in both
 * and a useless input gets weight 0 rather than a sign flip fitted to noise.
 *
 * <p>Immutable; round-trips through Jackson JSON.
 *
 * @param intercept b₀
 * @param volatilityWeight b₁ ≥ 0
 * @param classifierWeight b₂ ≥ 0
 * @param rows calibration rows it was fitted on
 * @param events stress events among them
 * @param reflectionNu when set, p<sub>vol</sub> is not the exceedance of the standardised moves but
 *     the reflected Student-t map with these degrees of freedom ({@link ReflectedStudentT}, see
 *     {@link #reflected}); null (and absent from JSON) otherwise
 */
public record StressStacking(
    double intercept,
    double volatilityWeight,
    double classifierWeight,
    int rows,
    int events,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double reflectionNu) {
  /** Probabilities are clipped to [floor, 1 − floor] before the logit. */
  static final double FLOOR = 1e-6;

  public StressStacking {
    Checks.finite(intercept, "intercept");
    Checks.nonNegativeFinite(volatilityWeight, "volatilityWeight");
    Checks.nonNegativeFinite(classifierWeight, "classifierWeight");
    if (reflectionNu != null) {
      ReflectedStudentT.of(reflectionNu);
    }
  }

  /** The reflected map of this stack, or null when p<sub>vol</sub> is the moves' exceedance. */
  public ReflectedStudentT reflection() {
    return reflectionNu == null ? null : ReflectedStudentT.of(reflectionNu);
  }

  /** A stack of the standardised moves' exceedance (no reflected map). */
  public StressStacking(
      double intercept, double volatilityWeight, double classifierWeight, int rows, int events) {
    this(intercept, volatilityWeight, classifierWeight, rows, events, null);
  }

  /**
   * The identity stack: the volatility's exceedance probability as it is (weight 1, nothing
   * fitted), recorded with the calibration block's size.
   */
  public static StressStacking unfitted(int rows, int events) {
    return new StressStacking(0, 1, 0, rows, events);
  }

  /**
   * The reflected Student-t map as it is (weight 1, no classifier), ν chosen on a calibration block
   * ({@link ReflectedStudentT#fit}): one parameter, and the same ranking as the variance.
   */
  public static StressStacking reflected(ReflectedStudentT map, int rows, int events) {
    return new StressStacking(0, 1, 0, rows, events, map.nu());
  }

  /** The stacked probability. */
  public double apply(double volatilityProbability, double classifierProbability) {
    double z =
        intercept
            + volatilityWeight * logit(volatilityProbability)
            + classifierWeight * logit(classifierProbability);
    return LogisticNewton.sigmoid(z);
  }

  /**
   * The maximum-likelihood stack on a calibration block.
   *
   * @throws IllegalArgumentException if the arrays differ in length or the block holds one class
   *     only
   */
  public static StressStacking fit(
      double[] volatilityProbability, double[] classifierProbability, boolean[] event) {
    return fit(volatilityProbability, classifierProbability, event, true);
  }

  /**
   * As {@link #fit(double[], double[], boolean[])}; with {@code withClassifier} false the
   * classifier's weight is held at 0 (Platt scaling of the volatility probability alone).
   */
  public static StressStacking fit(
      double[] volatilityProbability,
      double[] classifierProbability,
      boolean[] event,
      boolean withClassifier) {
    int n = event.length;
    if (volatilityProbability.length != n || classifierProbability.length != n) {
      throw new IllegalArgumentException(
          "stress stacking needs one probability of each kind per row");
    }
    int events = 0;
    for (boolean e : event) {
      events += e ? 1 : 0;
    }
    if (events == 0 || events == n) {
      throw new IllegalArgumentException(
          "stress stacking needs both outcomes in the block, had "
              + events
              + " events in "
              + n
              + " rows");
    }
    double[][] z = new double[n][];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = new double[] {1, logit(volatilityProbability[i]), logit(classifierProbability[i])};
      t[i] = event[i] ? 1 : 0;
    }
    boolean[] use = {true, true, withClassifier};
    double[] start = {Math.log((double) events / (n - events)), 0, 0};
    double[] b = LogisticNewton.fit(z, t, use, start);
    // active set: drop a negatively weighted input and refit (at most twice)
    for (int round = 0; round < 2 && (b[1] < 0 || b[2] < 0); round++) {
      use[b[1] < b[2] ? 1 : 2] = false;
      b[1] = 0;
      b[2] = 0;
      b = LogisticNewton.fit(z, t, use, new double[] {start[0], 0, 0});
    }
    return new StressStacking(b[0], Math.max(0, b[1]), Math.max(0, b[2]), n, events);
  }

  /** The mean negative log-likelihood (log loss) of this stack on a block. */
  public double logLoss(
      double[] volatilityProbability, double[] classifierProbability, boolean[] event) {
    double f = 0;
    for (int i = 0; i < event.length; i++) {
      double q =
          Math.min(
              1 - FLOOR,
              Math.max(FLOOR, apply(volatilityProbability[i], classifierProbability[i])));
      f -= event[i] ? Math.log(q) : Math.log(1 - q);
    }
    return f / event.length;
  }

  static double logit(double p) {
    double q = Math.min(1 - FLOOR, Math.max(FLOOR, p));
    return Math.log(q / (1 - q));
  }
}

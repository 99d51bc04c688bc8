package io.liqopt.training.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment of m p-values for a family of tests, which controls the family-wise
 * error rate (the probability of rejecting any true hypothesis) at level a when each adjusted
 * p-value is compared with a, for any dependence between the tests. With the p-values sorted
 * ascending, p_(1) ≤ ... ≤ p_(m),
 *
 * <pre>
 *   p̃_(i) = min(1, max_{j ≤ i} (m − j + 1) p_(j)),
 * </pre>
 *
 * and each adjusted value is returned at the position of its raw one. Ties get equal adjusted
 * values. It is uniformly more powerful than Bonferroni's m·p.
 *
 * <p>Source: S. Holm (1979), "A Simple Sequentially Rejective Multiple Test Procedure",
 * Scandinavian Journal of Statistics 6(2), 65–70; the adjusted-p-value form is that of P. H.
 * Westfall and S. S. Young (1993), <i>Resampling-Based Multiple Testing</i>, Wiley (statsmodels
 * {@code multipletests(p, method="holm")}, which it is tested against).
 *
 * <p>Stateless and thread-safe.
 */
public final class HolmCorrection {
  private HolmCorrection() {}

  /**
   * The Holm-adjusted p-values (formula in the class javadoc).
   *
   * @param pValues the raw p-values of the family, each in [0, 1]; may be empty
   * @return the adjusted p-values in the order of the input, each in [p_i, 1]
   * @throws IllegalArgumentException if the array is null or a value is outside [0, 1] or NaN
   */
  public static double[] adjust(double[] pValues) {
    if (pValues == null) {
      throw new IllegalArgumentException("pValues must not be null");
    }
    int m = pValues.length;
    if (m > 0) {
      SampleChecks.probabilities(pValues, "pValues");
    }
    Integer[] order = new Integer[m];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      running = Math.max(running, Math.min(1d, (m - rank) * pValues[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }
}

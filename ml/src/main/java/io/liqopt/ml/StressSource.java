package io.liqopt.ml;

import io.liqopt.ml.gbm.StressStacking;
import java.util.List;

/**
 * The variance whose exceedance probability feeds the stress stack, when it is not the ML model's
 * own (training chose it on the selection block, see the manifest's {@code stressSource}): the
 * asset's GARCH(1,1)-t forecast ({@link #GARCH}, {@link MlCalibration#garch()}) or the linear
 * HAR-type base alone ({@link #HAR}, σ̂² = exp(base), {@link MlCalibration#linearBase()}), over the
 * stress horizon; P(MAE &gt; L) is the exceedance of L/σ̂ under its own standardised moves with a
 * fitted tail, then {@code stacking}. Immutable; round-trips through Jackson JSON.
 *
 * @param variance {@link #GARCH} or {@link #HAR}
 * @param stacking the stack fitted on this source's cross-fitted exceedances
 * @param longZ sorted standardised long moves MAE/σ̂ of the held-out blocks under this variance
 */
public record StressSource(String variance, StressStacking stacking, List<Double> longZ) {
  /** The asset's GARCH(1,1)-t variance. */
  public static final String GARCH = "garch";

  /** The linear HAR-type base's variance, exp(base). */
  public static final String HAR = "har";

  public StressSource {
    if (!GARCH.equals(variance) && !HAR.equals(variance)) {
      throw new IllegalArgumentException(
          "stress source variance must be " + GARCH + " or " + HAR + ", was " + variance);
    }
    java.util.Objects.requireNonNull(stacking, "stacking");
    longZ = List.copyOf(longZ);
    if (longZ.isEmpty()) {
      throw new IllegalArgumentException("stress source needs standardised moves");
    }
  }
}

package io.liqopt.ml;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liqopt.core.forecast.baseline.GarchVariance;
import io.liqopt.core.forecast.baseline.VarianceCombination;
import io.liqopt.ml.gbm.ProbabilityCalibration;
import io.liqopt.ml.gbm.StressStacking;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@link MlForecastModel} stores beside its models in {@code calibration.json}: cold data,
 * read once when a bundle is loaded (the standardised moves become {@code EmpiricalDistribution}s
 * then).
 *
 * @param assets the training assets, in indicator-column order
 * @param horizonsHours forecast horizons
 * @param levels quantile levels
 * @param stressLevel L
 * @param stressHorizonHours stress horizon
 * @param quantileHorizonHours the horizon of the network
 * @param logResidualVariance s² per horizon
 * @param longZ sorted standardised long moves per horizon
 * @param shortZ sorted standardised short moves per horizon
 * @param stressCalibration the probability calibration
 * @param linearBase per horizon the linear base the variance trees correct (the trees predict the
 *     residual); empty or null in bundles whose trees predict log RV on their own
 * @param stressStacking how the stress probability combines the volatility forecast's exceedance
 *     probability with the classifier's; null in bundles whose stress probability is the
 *     classifier's through {@code stressCalibration} alone
 * @param garch per training asset its GARCH(1,1)-t recursion (fitted on the fit block); empty or
 *     null in bundles without a variance combination
 * @param combination per horizon how the variance combines the trees' and GARCH's forecasts; empty
 *     or null in bundles whose variance is the trees' alone
 * @param stressTailLevel the threshold level q of the generalised Pareto tail of the stress
 *     exceedance ({@code TailedDistribution}); null in bundles whose exceedance is the empirical
 *     step function
 * @param stressSource the variance whose exceedance feeds the stress stack when it is not the ML
 *     model's own; null when it is (then {@code stressStacking} applies)
 * @param quantileSources per horizon where the long adverse-move quantiles come from, chosen on the
 *     selection block; null in older bundles, and a horizon absent is {@link QuantileSource#MODEL}
 *     (the stress probability never comes from the path engine: {@code stressSource} chooses it)
 * @param conformalBuckets the volatility buckets and offsets of the {@link
 *     QuantileSource#CONFORMAL} quantiles, present exactly when the quantile horizon's source is
 *     {@code conformal}; null (and left out of the JSON) otherwise and in older bundles
 */
public record MlCalibration(
    List<String> assets,
    List<Integer> horizonsHours,
    List<Double> levels,
    double stressLevel,
    int stressHorizonHours,
    int quantileHorizonHours,
    Map<Integer, Double> logResidualVariance,
    Map<Integer, List<Double>> longZ,
    Map<Integer, List<Double>> shortZ,
    ProbabilityCalibration stressCalibration,
    Map<Integer, LinearBase> linearBase,
    StressStacking stressStacking,
    Map<String, GarchVariance> garch,
    Map<Integer, VarianceCombination> combination,
    Double stressTailLevel,
    StressSource stressSource,
    Map<Integer, QuantileSource> quantileSources,
    @JsonInclude(JsonInclude.Include.NON_NULL) ConformalBuckets conformalBuckets) {
  public MlCalibration {
    levels = List.copyOf(levels);
    longZ = copy(longZ);
    shortZ = copy(shortZ);
    linearBase = linearBase == null ? Map.of() : Map.copyOf(linearBase);
    garch = garch == null ? Map.of() : Map.copyOf(garch);
    combination = combination == null ? Map.of() : Map.copyOf(combination);
    quantileSources = quantileSources == null ? null : Map.copyOf(quantileSources);
    checkConformal(quantileSources, quantileHorizonHours, levels, conformalBuckets);
  }

  /** Conformal quantiles only at the quantile horizon, with buckets for every level. */
  private static void checkConformal(
      Map<Integer, QuantileSource> sources,
      int quantileHorizonHours,
      List<Double> levels,
      ConformalBuckets buckets) {
    boolean conformal = false;
    if (sources != null) {
      for (Map.Entry<Integer, QuantileSource> e : sources.entrySet()) {
        if (e.getValue() == QuantileSource.CONFORMAL && e.getKey() != quantileHorizonHours) {
          throw new IllegalArgumentException(
              "conformal quantiles exist only at the quantile horizon "
                  + quantileHorizonHours
                  + " h, not at "
                  + e.getKey()
                  + " h");
        }
        conformal |= e.getValue() == QuantileSource.CONFORMAL;
      }
    }
    if (conformal != (buckets != null)) {
      throw new IllegalArgumentException(
          "conformal buckets must be present exactly when the quantile horizon's source is"
              + " conformal");
    }
    if (buckets != null && buckets.levelCount() != levels.size()) {
      throw new IllegalArgumentException(
          "conformal buckets have offsets for "
              + buckets.levelCount()
              + " levels, the calibration "
              + levels.size());
    }
  }

  /** Where the quantiles of {@code horizonHours} come from ({@code MODEL} when not recorded). */
  public QuantileSource quantileSource(int horizonHours) {
    return quantileSources == null
        ? QuantileSource.MODEL
        : quantileSources.getOrDefault(horizonHours, QuantileSource.MODEL);
  }

  /** The horizons whose quantiles come from the path engine, in ascending order. */
  public SortedSet<Integer> pathHorizons() {
    SortedSet<Integer> out = new TreeSet<>();
    for (int h : horizonsHours) {
      if (quantileSource(h) == QuantileSource.PATHS) {
        out.add(h);
      }
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /**
   * This calibration with {@code sources} per horizon and the conformal buckets (null unless the
   * quantile horizon's source is {@code conformal}).
   */
  public MlCalibration withQuantileSources(
      Map<Integer, QuantileSource> sources, ConformalBuckets buckets) {
    return new MlCalibration(
        assets,
        horizonsHours,
        levels,
        stressLevel,
        stressHorizonHours,
        quantileHorizonHours,
        logResidualVariance,
        longZ,
        shortZ,
        stressCalibration,
        linearBase,
        stressStacking,
        garch,
        combination,
        stressTailLevel,
        stressSource,
        sources,
        buckets);
  }

  /** The values of an array as an unmodifiable list (for building a calibration). */
  public static List<Double> boxed(double[] values) {
    return List.copyOf(Arrays.stream(values).boxed().toList());
  }

  /** The values of a list as a new array. */
  static double[] unboxed(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** An unmodifiable copy keeping the horizons' order, each list copied. */
  private static Map<Integer, List<Double>> copy(Map<Integer, List<Double>> byHorizon) {
    Map<Integer, List<Double>> out = new LinkedHashMap<>();
    byHorizon.forEach((h, z) -> out.put(h, List.copyOf(z)));
    return Collections.unmodifiableMap(out);
  }
}

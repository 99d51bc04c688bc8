package io.liqopt.ml;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.baseline.EmpiricalDistribution;
import io.liqopt.core.forecast.baseline.GarchVariance;
import io.liqopt.core.forecast.baseline.ReflectedStudentT;
import io.liqopt.core.forecast.baseline.TailedDistribution;
import io.liqopt.ml.gbm.ProbabilityCalibration;
import io.liqopt.ml.gbm.StressStacking;
import java.util.List;

/**
 * The stress probability of {@link MlForecastModel}, as its calibration says: in the oldest bundles
 * the classifier's probability through its calibration map; then the stack of the ML volatility's
 * exceedance probability (empirical step function, or with a fitted tail where the bundle records
 * {@link MlCalibration#stressTailLevel()}) and the classifier's; in bundles with a {@link
 * StressSource} the stack of that source's exceedance, falling back to the ML stack where the
 * source has no forecast (an asset without GARCH). A stack with {@link
 * StressStacking#reflectionNu()} takes the reflected Student-t map of its variance instead of the
 * standardised moves' exceedance. Immutable, thread-safe.
 */
final class StressProbability {
  private final MlCalibration calibration;
  private final ProbabilityCalibration classifierCalibration;
  private final EmpiricalDistribution mlZ;
  private final TailedDistribution mlTail;
  private final TailedDistribution sourceZ;
  private final int[] baseColumns;
  private final ReflectedStudentT mlReflection;
  private final ReflectedStudentT sourceReflection;

  StressProbability(MlCalibration c, List<String> featureNames) {
    this.calibration = c;
    this.classifierCalibration = c.stressCalibration();
    List<Double> z = c.longZ().get(c.stressHorizonHours());
    this.mlZ = EmpiricalDistribution.of(MlCalibration.unboxed(z), z.size());
    Double level = c.stressTailLevel();
    this.mlTail = level == null ? null : TailedDistribution.of(mlZ, level);
    this.mlReflection = c.stressStacking() == null ? null : c.stressStacking().reflection();
    StressSource s = c.stressSource();
    this.sourceReflection = s == null ? null : s.stacking().reflection();
    if (s == null) {
      this.sourceZ = null;
      this.baseColumns = null;
    } else {
      double[] sz = MlCalibration.unboxed(s.longZ());
      EmpiricalDistribution e = EmpiricalDistribution.of(sz, sz.length);
      this.sourceZ =
          TailedDistribution.of(
              e, level == null ? TailedDistribution.DEFAULT_THRESHOLD_LEVEL : level);
      this.baseColumns =
          StressSource.HAR.equals(s.variance())
              ? c.linearBase().get(c.stressHorizonHours()).bind(featureNames)
              : null;
    }
  }

  /**
   * The source's variance over the stress horizon for input rows {@code x} at history rows {@code
   * rows} (NaN where it has none), or null when the stress probability is the ML model's own.
   */
  double[] sourceVariance(AssetHistory history, List<Integer> rows, double[][] x) {
    StressSource s = calibration.stressSource();
    if (s == null) {
      return null;
    }
    int h = calibration.stressHorizonHours();
    double[] out = new double[x.length];
    if (baseColumns != null) {
      double[] base = calibration.linearBase().get(h).predict(x, baseColumns);
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.exp(base[i]);
      }
      return out;
    }
    GarchVariance g = calibration.garch().get(history.symbol());
    for (int i = 0; i < out.length; i++) {
      out[i] = g == null ? Double.NaN : g.variance(history, rows.get(i), h);
    }
    return out;
  }

  /**
   * P(MAE &gt; L) of one row from the ML variance, the source's variance (ignored without a source;
   * NaN: none) and the classifier's raw probability.
   */
  double probability(double mlVariance, double sourceVariance, double rawClassifier) {
    double level = calibration.stressLevel();
    if (sourceZ != null && sourceVariance > 0 && Double.isFinite(sourceVariance)) {
      double p =
          sourceReflection != null
              ? sourceReflection.exceedance(level, sourceVariance)
              : sourceZ.exceedance(level / Math.sqrt(sourceVariance));
      return calibration.stressSource().stacking().apply(p, rawClassifier);
    }
    StressStacking stacking = calibration.stressStacking();
    if (stacking == null) {
      return classifierCalibration.apply(rawClassifier);
    }
    if (mlReflection != null) {
      return stacking.apply(mlReflection.exceedance(level, mlVariance), rawClassifier);
    }
    double x = level / Math.sqrt(mlVariance);
    return stacking.apply(mlTail == null ? mlZ.exceedance(x) : mlTail.exceedance(x), rawClassifier);
  }
}

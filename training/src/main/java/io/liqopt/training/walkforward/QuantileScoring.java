package io.liqopt.training.walkforward;

import io.liqopt.training.metrics.CoverageTest;
import io.liqopt.training.metrics.CoverageTests;
import io.liqopt.training.metrics.DynamicQuantileResult;
import io.liqopt.training.metrics.DynamicQuantileTest;
import io.liqopt.training.metrics.HitRateTest;
import io.liqopt.training.metrics.HitRateTestResult;
import io.liqopt.training.metrics.PhaseDynamicQuantileResult;
import io.liqopt.training.metrics.PhaseDynamicQuantileTest;
import io.liqopt.training.metrics.PinballLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model's adverse-move quantiles on a sample, at each evaluation level: the pinball loss, the
 * Kupiec and Christoffersen tests on one hour in H (series rows that are multiples of H: windows
 * that do not overlap), and the tests on every hour ({@link AllHoursCoverage}: the HAC hit rate, DQ
 * by phase and the asymptotic DQ forms). Stateless.
 */
final class QuantileScoring {

  /** The scores of one model, keyed by level ("0.99"). */
  record Scores(
      Map<String, Double> pinball,
      Map<String, CoverageTest> coverage,
      Map<String, AllHoursCoverage> allHours) {}

  private QuantileScoring() {}

  /**
   * Scores {@code model}'s quantiles in {@code s} at horizon {@code h}; {@code pooled}: the sample
   * concatenates assets, so the hit-rate test runs on the share of assets hit at each hour and DQ
   * is not run.
   */
  static Scores score(EvaluationSample s, String model, int h, double[] levels, boolean pooled) {
    int[] step = s.nonOverlapping(h);
    Map<String, Double> pinball = new LinkedHashMap<>();
    Map<String, CoverageTest> coverage = new LinkedHashMap<>();
    Map<String, AllHoursCoverage> allHours = new LinkedHashMap<>();
    for (int k = 0; k < levels.length; k++) {
      String key = EvaluationSummary.key(levels[k]);
      double[] q = s.quantiles.get(model)[k];
      double p = 1 - levels[k];
      pinball.put(key, PinballLoss.mean(s.realisedMove, q, levels[k]));
      if (step.length > 0) {
        boolean[] hits = CoverageTests.exceedances(pick(s.realisedMove, step), pick(q, step));
        coverage.put(key, CoverageTests.test(hits, p));
      }
      boolean[] hits = CoverageTests.exceedances(s.realisedMove, q);
      HitRateTestResult hitRate = hitRate(hits, pooled ? s.time : null, p, h);
      DynamicQuantileResult dq = pooled ? null : dynamicQuantile(hits, q, s.seriesRow, p, h);
      PhaseDynamicQuantileResult byPhase = pooled ? null : byPhase(hits, q, s.seriesRow, p, h);
      if (hitRate != null || dq != null || byPhase != null) {
        allHours.put(key, new AllHoursCoverage(hitRate, byPhase, dq));
      }
    }
    return new Scores(pinball, coverage, allHours);
  }

  /**
   * The HAC hit-rate test at lag 2h, on the share of rows hit at each time when {@code times} is
   * given; null when there are no more observations than the lag.
   */
  private static HitRateTestResult hitRate(boolean[] hits, long[] times, double p, int h) {
    double[] x = new double[hits.length];
    for (int t = 0; t < x.length; t++) {
      x[t] = hits[t] ? 1d : 0d;
    }
    if (times != null) {
      x = SampleRegressions.meanByTime(x, times);
    }
    int lag = HitRateTest.defaultLag(h);
    return x.length <= lag ? null : HitRateTest.test(x, p, lag);
  }

  /** DQ with lags h..h+3 by series row, or null when the sample is too short for it. */
  private static DynamicQuantileResult dynamicQuantile(
      boolean[] hits, double[] q, long[] seriesRow, double p, int h) {
    try {
      return DynamicQuantileTest.test(
          hits, q, seriesRow, p, DynamicQuantileTest.Design.forHorizon(h));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * DQ by phase (h phases, lags 1..4 phase steps, 999 draws seeded by the input), or null when no
   * phase is long enough.
   */
  private static PhaseDynamicQuantileResult byPhase(
      boolean[] hits, double[] q, long[] seriesRow, double p, int h) {
    try {
      return PhaseDynamicQuantileTest.test(
          hits, q, seriesRow, p, PhaseDynamicQuantileTest.Design.forHorizon(h));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static double[] pick(double[] x, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }
}

package io.liqopt.training.walkforward;

import io.liqopt.training.metrics.CoverageTest;
import io.liqopt.training.metrics.DynamicQuantileResult;
import io.liqopt.training.metrics.HitRateTestResult;
import io.liqopt.training.metrics.HolmCorrection;
import io.liqopt.training.metrics.PhaseDynamicQuantileResult;
import io.liqopt.training.walkforward.EvaluationSummary.Cell;
import io.liqopt.training.walkforward.EvaluationSummary.ModelScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Holm's correction of the coverage tests across assets: for one horizon, each model, level and
 * family of tests ({@link Family}) is one family of m hypotheses, m being the assets whose test is
 * defined. The per-asset cells come back with {@link HolmPValues} beside the raw p-values.
 * Stateless.
 */
final class HolmAcrossAssets {

  /**
   * The families of tests that are adjusted, each reading its raw p-value from a model's scores.
   */
  enum Family {
    KUPIEC(s -> s.coverage() == null ? null : s.coverage().pPof()),
    CONDITIONAL_COVERAGE(s -> s.coverage() == null ? null : s.coverage().pCc()),
    HIT_RATE(s -> s.hitRate() == null ? null : s.hitRate().pValue()),
    DYNAMIC_QUANTILE_BY_PHASE(s -> s.byPhase() == null ? null : s.byPhase().pValue()),
    DYNAMIC_QUANTILE(s -> s.dq() == null ? null : s.dq().pValue()),
    DYNAMIC_QUANTILE_HAC(s -> s.dq() == null ? null : s.dq().hacPValue());

    private final Function<LevelTests, Double> raw;

    Family(Function<LevelTests, Double> raw) {
      this.raw = raw;
    }
  }

  /** A model's tests at one level, as the families read them. */
  private record LevelTests(
      CoverageTest coverage,
      HitRateTestResult hitRate,
      PhaseDynamicQuantileResult byPhase,
      DynamicQuantileResult dq) {
    static LevelTests of(ModelScores m, String key) {
      AllHoursCoverage a = m.allHoursCoverage().get(key);
      return new LevelTests(
          m.coverage().get(key),
          a == null ? null : a.hitRate(),
          a == null ? null : a.dynamicQuantileByPhase(),
          a == null ? null : a.dynamicQuantile());
    }
  }

  private HolmAcrossAssets() {}

  /**
   * The cells of one horizon, one per asset with the same models in the same order, with their
   * Holm-adjusted p-values.
   */
  static List<Cell> adjust(List<Cell> perAsset) {
    if (perAsset.isEmpty()) {
      return perAsset;
    }
    int models = perAsset.get(0).models().size();
    List<List<Map<String, Double[]>>> adjusted = new ArrayList<>();
    for (Cell c : perAsset) {
      List<Map<String, Double[]>> byModel = new ArrayList<>();
      for (int m = 0; m < models; m++) {
        byModel.add(new LinkedHashMap<>());
      }
      adjusted.add(byModel);
    }
    for (int m = 0; m < models; m++) {
      for (String key : levels(perAsset, m)) {
        for (Family f : Family.values()) {
          Double[] holm = holm(perAsset, m, key, f);
          for (int c = 0; c < perAsset.size(); c++) {
            adjusted
                    .get(c)
                    .get(m)
                    .computeIfAbsent(key, k -> new Double[Family.values().length])[f.ordinal()] =
                holm[c];
          }
        }
      }
    }
    List<Cell> out = new ArrayList<>();
    for (int c = 0; c < perAsset.size(); c++) {
      Cell cell = perAsset.get(c);
      List<ModelScores> scores = new ArrayList<>();
      for (int m = 0; m < models; m++) {
        Map<String, HolmPValues> holm = new LinkedHashMap<>();
        adjusted.get(c).get(m).forEach((key, v) -> holm.put(key, holmPValues(v)));
        scores.add(cell.models().get(m).withHolm(holm));
      }
      out.add(
          new Cell(
              cell.symbol(),
              cell.horizonHours(),
              cell.rows(),
              cell.varianceRowsScored(),
              cell.varianceRowsExcluded(),
              scores,
              cell.rowsWithoutForecast()));
    }
    return out;
  }

  /** The adjusted p-values indexed by {@link Family#ordinal()}, as a record. */
  private static HolmPValues holmPValues(Double[] v) {
    return new HolmPValues(
        v[Family.KUPIEC.ordinal()],
        v[Family.CONDITIONAL_COVERAGE.ordinal()],
        v[Family.HIT_RATE.ordinal()],
        v[Family.DYNAMIC_QUANTILE_BY_PHASE.ordinal()],
        v[Family.DYNAMIC_QUANTILE.ordinal()],
        v[Family.DYNAMIC_QUANTILE_HAC.ordinal()]);
  }

  /** The levels model {@code m} has coverage tests at, in any asset. */
  private static Set<String> levels(List<Cell> cells, int m) {
    Set<String> keys = new LinkedHashSet<>();
    for (Cell c : cells) {
      keys.addAll(c.models().get(m).coverage().keySet());
      keys.addAll(c.models().get(m).allHoursCoverage().keySet());
    }
    return keys;
  }

  /** The adjusted p-values of one family across the cells (null where the raw one is). */
  private static Double[] holm(List<Cell> cells, int m, String key, Family f) {
    Double[] raw = new Double[cells.size()];
    int defined = 0;
    for (int c = 0; c < cells.size(); c++) {
      raw[c] = f.raw.apply(LevelTests.of(cells.get(c).models().get(m), key));
      defined += raw[c] == null ? 0 : 1;
    }
    double[] p = new double[defined];
    int k = 0;
    for (Double r : raw) {
      if (r != null) {
        p[k++] = r;
      }
    }
    double[] a = HolmCorrection.adjust(p);
    Double[] out = new Double[cells.size()];
    k = 0;
    for (int c = 0; c < cells.size(); c++) {
      out[c] = raw[c] == null ? null : a[k++];
    }
    return out;
  }
}

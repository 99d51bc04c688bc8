package io.liqopt.training.walkforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.forecast.baseline.HistoricalSimulationForecaster;
import io.liqopt.training.metrics.CoverageTest;
import io.liqopt.training.metrics.CoverageTests;
import io.liqopt.training.metrics.HolmCorrection;
import io.liqopt.training.walkforward.EvaluationSummary.Cell;
import io.liqopt.training.walkforward.EvaluationSummary.ModelScores;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coverage tests as the evaluation reports them: on every hour beside the one-phase tests, with
 * the lags of the horizon, pooled on hit shares, and Holm-adjusted across assets.
 */
class CoverageWiringTest {
  private static EvaluationSummary.Summary summary;

  @BeforeAll
  static void evaluate() {
    List<AssetHistory> histories = SyntheticHistories.of(3, 1.0, 11);
    WalkForwardConfig config =
        new WalkForwardConfig(
            ForecastSpec.defaults(), 120, 60, 24, WalkForwardConfig.DEFAULT_EVALUATION_LEVELS, 1);
    EvaluationData data =
        WalkForwardRunner.run(
            histories,
            List.of(new HistoricalSimulationForecaster(90), new EwmaForecaster()),
            config,
            (d, t, w) -> {});
    summary = EvaluationSummary.of(data, "hs");
  }

  @Test
  void perAsset_everyHourTests_useTheHorizonsLags() {
    for (Cell c : summary.perAsset()) {
      int h = c.horizonHours();
      for (ModelScores m : c.models()) {
        AllHoursCoverage a = m.allHoursCoverage().get("0.99");
        assertEquals(c.rows(), a.hitRate().n(), c.symbol());
        assertEquals(2 * h, a.hitRate().lag());
        assertEquals(h, a.dynamicQuantile().firstLag());
        assertEquals(4, a.dynamicQuantile().lagCount());
        assertEquals(2 * h, a.dynamicQuantile().hacLag());
        assertEquals(h, a.dynamicQuantileByPhase().horizonSteps());
        assertEquals(4, a.dynamicQuantileByPhase().lagCount());
        assertEquals(999, a.dynamicQuantileByPhase().draws());
        // the one-phase tests keep one hour in h
        int phase = m.coverage().get("0.99").n();
        assertTrue(Math.abs(phase - c.rows() / (double) h) <= 1, phase + " of " + c.rows());
      }
    }
  }

  @Test
  void pooled_hitRateOnSharesPerHour_noDqNoHolm() {
    for (Cell c : summary.pooled()) {
      long assets =
          summary.perAsset().stream().filter(a -> a.horizonHours() == c.horizonHours()).count();
      for (ModelScores m : c.models()) {
        AllHoursCoverage a = m.allHoursCoverage().get("0.99");
        assertNull(a.dynamicQuantile());
        assertNull(a.dynamicQuantileByPhase());
        assertTrue(m.holm().isEmpty());
        // one observation per hour, and the 3 assets share most of their hours
        assertTrue(a.hitRate().n() >= c.rows() / assets && a.hitRate().n() < c.rows() / 2);
      }
    }
  }

  @Test
  void perAsset_holmAdjustsEachFamilyAcrossAssets() {
    List<Function<ModelScores, Double>> raw =
        List.of(
            m -> m.coverage().get("0.99").pPof(),
            m -> m.allHoursCoverage().get("0.99").hitRate().pValue(),
            m -> m.allHoursCoverage().get("0.99").dynamicQuantile().hacPValue(),
            m -> m.allHoursCoverage().get("0.99").dynamicQuantileByPhase().pValue());
    List<Function<ModelScores, Double>> adjusted =
        List.of(
            m -> m.holm().get("0.99").kupiec(),
            m -> m.holm().get("0.99").hitRate(),
            m -> m.holm().get("0.99").dynamicQuantileHac(),
            m -> m.holm().get("0.99").dynamicQuantileByPhase());
    for (int h : new int[] {1, 24}) {
      List<Cell> cells = summary.perAsset().stream().filter(c -> c.horizonHours() == h).toList();
      assertEquals(3, cells.size());
      for (int model = 0; model < 2; model++) {
        for (int f = 0; f < raw.size(); f++) {
          int mi = model;
          Function<ModelScores, Double> r = raw.get(f);
          double[] p =
              cells.stream()
                  .map(c -> r.apply(c.models().get(mi)))
                  .filter(Objects::nonNull)
                  .mapToDouble(Double::doubleValue)
                  .toArray();
          assertEquals(3, p.length, "every asset has the test");
          double[] expected = HolmCorrection.adjust(p);
          for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], adjusted.get(f).apply(cells.get(c).models().get(mi)), 0.0);
          }
        }
      }
    }
  }

  /** The page: the coverage tests follow the pinball loss of their level; Holm in parentheses. */
  @Test
  void table_coverageBesidePinball_holmInParenthesesPerAsset() {
    double[] levels = {0.9, 0.95, 0.99, 0.995};
    Cell asset = summary.perAsset().get(0);
    List<String> labels =
        EvaluationTable.columns(asset, levels).stream().map(EvaluationTable.Column::label).toList();
    int at = labels.indexOf("pinball 0.99");
    assertEquals(
        List.of(
            "pinball 0.99",
            "exceed 0.99 (1 phase)",
            "Kupiec p 0.99 (1 phase)",
            "CC p 0.99 (1 phase)",
            "hit rate 0.99 (every hour)",
            "HAC p 0.99",
            "DQ by phase p 0.99",
            "DQ χ² p 0.99 (invalid H > 1)",
            "DQ HAC p 0.99 (invalid H > 1)",
            "pinball 0.995"),
        labels.subList(at, at + 10));
    int hac = labels.indexOf("HAC p 0.99");
    String perAsset = EvaluationTable.of(asset, levels).models().get(1).scores().get(hac).text();
    assertTrue(perAsset.matches("\\S+ \\(\\S+\\)"), perAsset);
    String pooled =
        EvaluationTable.of(summary.pooled().get(0), levels)
            .models()
            .get(1)
            .scores()
            .get(hac)
            .text();
    assertFalse(pooled.contains("("), pooled);
  }

  /** A test undefined for one asset is left out of the family: m counts the defined ones. */
  @Test
  void adjust_undefinedTest_leftOutOfTheFamily() {
    boolean[] none = new boolean[48];
    boolean[] some = new boolean[48];
    some[3] = true;
    some[30] = true;
    Cell a = cell("A", Map.of("0.99", CoverageTests.test(some, 0.01)));
    Cell b = cell("B", Map.of("0.99", CoverageTests.test(none, 0.01)));
    Cell c = cell("C", Map.of());
    List<Cell> out = HolmAcrossAssets.adjust(List.of(a, b, c));
    double[] expected =
        HolmCorrection.adjust(
            new double[] {
              a.models().get(0).coverage().get("0.99").pPof(),
              b.models().get(0).coverage().get("0.99").pPof()
            });
    assertEquals(expected[0], out.get(0).models().get(0).holm().get("0.99").kupiec(), 0.0);
    assertEquals(expected[1], out.get(1).models().get(0).holm().get("0.99").kupiec(), 0.0);
    assertNull(out.get(2).models().get(0).holm().get("0.99").kupiec());
    assertNull(out.get(0).models().get(0).holm().get("0.99").hitRate());
    assertNotNull(out.get(0).models().get(0).holm().get("0.99").conditionalCoverage());
    assertEquals(
        Arrays.asList(a.symbol(), b.symbol(), c.symbol()), out.stream().map(Cell::symbol).toList());
  }

  private static Cell cell(String symbol, Map<String, CoverageTest> cov) {
    ModelScores m =
        new ModelScores(
            "m", null, null, Map.of(), cov, Map.of(), Map.of(), null, null, null, Map.of(), null);
    return new Cell(symbol, 24, 48, 48, 0, List.of(m), Map.of());
  }
}

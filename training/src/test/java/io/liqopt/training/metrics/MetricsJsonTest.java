package io.liqopt.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result records go into metrics.json: they must round-trip and never contain NaN. */
class MetricsJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void results_roundTripThroughJson_withNullsForUndefinedValues() throws Exception {
    List<Object> results =
        List.of(
            VarianceLoss.DEFAULT.score(new double[] {2, 1, 4}, new double[] {1, 1, 2}),
            MincerZarnowitz.fit(new double[] {2, 3, 5, 6}, new double[] {1, 2, 3, 4}),
            MincerZarnowitz.fit(new double[] {1, 2, 3}, new double[] {1, 2, 3}),
            CoverageTests.test(new boolean[] {false, true, false, false}, 0.05),
            CoverageTests.test(new boolean[] {true}, 0.05),
            ClassificationScores.score(
                new double[] {0.1, 0.7, 0.4}, new boolean[] {false, true, false}),
            ClassificationScores.score(new double[] {0.1, 0.2}, new boolean[2]),
            ClassificationScores.reliabilityBins(
                    new double[] {0.05, 0.95}, new boolean[] {false, true}, 2)
                .get(0),
            new ReliabilityBin(0.5, 1, 0, null, null),
            DieboldMariano.test(new double[] {1, 2, 4}, new double[] {1, 1, 1}, 1),
            DieboldMariano.test(new double[] {1, 2, 4}, new double[] {1, 2, 4}, 1),
            DieboldMariano.testTruncated(new double[] {1, 2, 4}, new double[] {1, 1, 1}, 2),
            HitRateTest.test(new boolean[] {false, true, false, false}, 0.05, 1),
            HitRateTest.test(new boolean[4], 0.05, 1),
            DynamicQuantileTest.test(
                new boolean[] {false, true, false, false, true, false, false, true},
                new double[] {1, 2, 3, 1, 2, 3, 1, 2},
                0.05,
                new DynamicQuantileTest.Design(1, 1, 1)),
            DynamicQuantileTest.test(
                new boolean[6], new double[6], 0.05, new DynamicQuantileTest.Design(1, 1, 1)));
    for (Object result : results) {
      String json = JSON.writeValueAsString(result);
      assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
      assertEquals(result, JSON.readValue(json, result.getClass()), json);
    }
    String undefined = JSON.writeValueAsString(results.get(2));
    assertTrue(undefined.contains("\"waldStatistic\":null"), undefined);
  }

  @Test
  void records_refuseNaNComponents() {
    assertThrows(IllegalArgumentException.class, () -> new VarianceScores(1, Double.NaN, 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MincerZarnowitzFit(3, 0, 1, Double.NaN, 0, null, null));
    assertThrows(
        IllegalArgumentException.class, () -> new StressScores(1, 0, 0, Double.NaN, 0, 0, 0, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DieboldMarianoComparison(
                2, 1, 0, LongRunKernel.BARTLETT, 0, 1, Double.NaN, 0.5, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CoverageTest(1, 0, 0, 0.05, Double.NaN, 1, null, null, null, null, 0, 0, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new ReliabilityBin(0, 0.5, 1, Double.NaN, 0.0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new HitRateTestResult(4, 1, 0.25, 0.05, 1, 0.1, Double.NaN, 0.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DynamicQuantileResult(10, 1, 0.05, 1, 1, 1, 3, Double.NaN, 0.5, null, null));
  }
}

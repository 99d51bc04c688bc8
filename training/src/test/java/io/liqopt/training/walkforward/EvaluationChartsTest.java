package io.liqopt.training.walkforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.liqopt.report.ChartSeries;
import io.liqopt.report.ChartSpec;
import io.liqopt.training.metrics.ReliabilityBin;
import io.liqopt.training.walkforward.EvaluationSummary.Cell;
import io.liqopt.training.walkforward.EvaluationSummary.ModelScores;
import io.liqopt.training.walkforward.EvaluationSummary.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationChartsTest {
  private static ModelScores model(String name, List<ReliabilityBin> bins) {
    return new ModelScores(
        name, null, null, Map.of(), Map.of(), Map.of(), Map.of(), null, bins, null, Map.of(), null);
  }

  private static Summary pooled(ModelScores... models) {
    Cell cell = new Cell("all", 24, 100, 100, 0, List.of(models), Map.of());
    return new Summary("ewma", List.of(cell), List.of(), List.of(), null);
  }

  @Test
  void reliability_oneModelWithoutBins_drawsTheOthers() {
    List<ReliabilityBin> bins =
        List.of(new ReliabilityBin(0, 0.5, 10, 0.2, 0.1), new ReliabilityBin(0.5, 1, 5, 0.7, 0.8));
    ChartSpec chart = EvaluationCharts.reliability(pooled(model("ml", bins), model("ewma", null)));
    assertNotNull(chart);
    List<String> names = chart.series().stream().map(ChartSeries::name).toList();
    assertEquals(List.of("perfect", "ml"), names);
  }

  @Test
  void reliability_noModelWithBins_noChart() {
    assertNull(EvaluationCharts.reliability(pooled(model("ewma", null), model("garch", null))));
  }
}

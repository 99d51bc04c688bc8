package io.liqopt.backtest;

import io.liqopt.report.ChartSeries;
import io.liqopt.report.ChartSeries.Style;
import io.liqopt.report.ChartSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The optimiser's search drawn: every candidate's bad debt against its time-averaged LTV over the
 * whole simulated span, one series per ceiling level (and one for the uncapped candidates), beside
 * the budget policy. In-sample for every decision after the first: a picture of the sweep, not a
 * result (the result is the out-of-sample evaluation).
 */
final class SearchChart {
  private SearchChart() {}

  static ChartSpec of(OptimizeMetrics.Metrics m) {
    ChartSpec.Builder c =
        ChartSpec.numeric("Candidates over the whole span (in-sample)")
            .xAxisTitle("time-averaged LTV (%)")
            .yAxisTitle("bad debt / borrowed (%, log)")
            .logY();
    Map<String, List<OptimizeMetrics.CandidateRow>> groups = new LinkedHashMap<>();
    for (OptimizeMetrics.CandidateRow r : m.candidates()) {
      double level = r.candidate().ceilingLevel();
      String key =
          Double.isNaN(level)
              ? "uncapped"
              : String.format(Locale.ROOT, "ceiling at α_c %.4g", level);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<OptimizeMetrics.CandidateRow>> e : groups.entrySet()) {
      List<OptimizeMetrics.CandidateRow> rows = new ArrayList<>(e.getValue());
      rows.removeIf(r -> !Double.isFinite(r.whole().timeAvgLtv()));
      rows.sort(Comparator.comparingDouble(r -> r.whole().timeAvgLtv()));
      if (rows.isEmpty()) {
        continue;
      }
      double[] x = new double[rows.size()];
      double[] y = new double[rows.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = 100 * rows.get(i).whole().timeAvgLtv();
        y[i] = floor(100 * rows.get(i).whole().badPerBorrowed());
      }
      c.add(ChartSeries.of(e.getKey(), x, y, Style.MARKERS));
    }
    DayFigures.Totals b = m.budgetWhole();
    if (Double.isFinite(b.timeAvgLtv())) {
      c.add(
          ChartSeries.of(
              m.budgetPolicy() + " (the budget)",
              new double[] {100 * b.timeAvgLtv()},
              new double[] {floor(100 * b.badPerBorrowed())},
              Style.SCATTER));
    }
    return c.build();
  }

  /** Values under the frontier chart's floor drawn at it (a log axis has no zero). */
  private static double floor(double percent) {
    return Math.max(BacktestReport.FRONTIER_FLOOR_PERCENT, percent);
  }
}

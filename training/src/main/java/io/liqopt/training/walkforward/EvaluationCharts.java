package io.liqopt.training.walkforward;

import io.liqopt.report.ChartSeries;
import io.liqopt.report.ChartSeries.Style;
import io.liqopt.report.ChartSpec;
import io.liqopt.training.metrics.ReliabilityBin;
import io.liqopt.training.walkforward.EvaluationSummary.Cell;
import io.liqopt.training.walkforward.EvaluationSummary.ModelScores;
import java.util.List;

/**
 * The evaluation report's charts: forecast against realised volatility and the exceedances of the
 * adverse-move quantile per asset, and the pooled stress reliability diagram.
 */
final class EvaluationCharts {
  private EvaluationCharts() {}

  /**
   * Forecast vs realised volatility over the horizon, daily points, in percent: every 24th of the
   * rows on the hour (every row of hourly bars).
   */
  static ChartSpec volatility(EvaluationData data, AssetEvaluation a, int h) {
    ChartSpec.Builder chart =
        ChartSpec.overTime(a.symbol() + ": " + h + " h volatility, forecast vs realised")
            .xAxisTitle("UTC")
            .yAxisTitle("volatility over " + h + " h (%)");
    int[] rows = java.util.stream.IntStream.range(0, a.rows()).filter(a::onTheHour).toArray();
    int n = rows.length;
    long[] t = new long[n];
    double[] realised = new double[n];
    for (int k = 0; k < n; k++) {
      int i = rows[k];
      t[k] = a.openTimeMs(i);
      realised[k] =
          a.comparable(i, h)
              ? 100 * Math.sqrt(a.realised(h).realisedVariance(a.seriesRow(i)))
              : Double.NaN;
    }
    chart.add(ChartSeries.overTime("realised", t, realised, Style.LINE, 24));
    for (String m : data.models()) {
      Predictions p = a.predictions(m, h);
      double[] v = new double[n];
      for (int k = 0; k < n; k++) {
        v[k] = a.comparable(rows[k], h) ? 100 * Math.sqrt(p.variance(rows[k])) : Double.NaN;
      }
      chart.add(ChartSeries.overTime(m, t, v, Style.LINE, 24));
    }
    return chart.build();
  }

  /** The price path with a marker wherever the realised drop exceeded a model's α-quantile. */
  static ChartSpec exceedance(EvaluationData data, AssetEvaluation a, int h, double alpha) {
    int k = data.config().evaluationLevels().indexOf(alpha);
    ChartSpec.Builder chart =
        ChartSpec.overTime(
                a.symbol()
                    + ": close, and "
                    + h
                    + " h drops beyond the "
                    + EvaluationSummary.key(alpha)
                    + " quantile (non-overlapping windows)")
            .xAxisTitle("UTC")
            .yAxisTitle("close");
    int n = a.rows();
    long[] t = new long[n];
    double[] close = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = a.openTimeMs(i);
      close[i] = a.close(i);
    }
    chart.add(ChartSeries.overTime("close", t, close, Style.LINE, 6));
    if (k >= 0) {
      for (String m : data.models()) {
        Predictions p = a.predictions(m, h);
        double[] hit = new double[n];
        for (int i = 0; i < n; i++) {
          boolean exceed =
              a.comparable(i, h)
                  && a.scoringRow(i) % h == 0
                  && a.realised(h).longAdverseMove(a.seriesRow(i)) > p.quantile(k, i);
          hit[i] = exceed ? close[i] : Double.NaN;
        }
        chart.add(ChartSeries.overTime(m + " exceedance", t, hit, Style.MARKERS));
      }
    }
    return chart.build();
  }

  /**
   * Observed stress frequency against forecast probability, pooled, per model with reliability bins
   * (a model without them, e.g. one that forecasts no stress probability, is left out), at the
   * first horizon where any model has them; null when none has.
   */
  static ChartSpec reliability(EvaluationSummary.Summary summary) {
    for (Cell cell : summary.pooled()) {
      if (cell.models().stream().noneMatch(m -> m.reliability() != null)) {
        continue;
      }
      ChartSpec.Builder chart =
          ChartSpec.numeric("Stress reliability (pooled, " + cell.horizonHours() + " h)")
              .xAxisTitle("forecast probability")
              .yAxisTitle("observed frequency");
      chart.add(
          ChartSeries.of(
              "perfect", new double[] {0, 1}, new double[] {0, 1}, Style.LINE_WITH_MARKERS));
      for (ModelScores m : cell.models()) {
        List<ReliabilityBin> bins = m.reliability();
        if (bins == null) {
          continue;
        }
        double[] x = new double[bins.size()];
        double[] y = new double[bins.size()];
        for (int i = 0; i < bins.size(); i++) {
          ReliabilityBin b = bins.get(i);
          x[i] = b.meanForecast() == null ? Double.NaN : b.meanForecast();
          y[i] = b.observedFrequency() == null ? Double.NaN : b.observedFrequency();
        }
        chart.add(ChartSeries.of(m.model(), x, y, Style.LINE_WITH_MARKERS));
      }
      return chart.build();
    }
    return null;
  }
}

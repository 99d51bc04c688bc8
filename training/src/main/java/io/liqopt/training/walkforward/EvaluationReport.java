package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.Fold;
import io.liqopt.report.ChartSeries;
import io.liqopt.report.ChartSeries.Style;
import io.liqopt.report.ChartSpec;
import io.liqopt.report.RunReport;
import io.liqopt.training.metrics.CoverageTest;
import io.liqopt.training.metrics.ReliabilityBin;
import io.liqopt.training.walkforward.EvaluationSummary.Cell;
import io.liqopt.training.walkforward.EvaluationSummary.ModelScores;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes an evaluation into a {@link RunReport}: {@code metrics.json} (configuration, folds, fits,
 * every score per asset, horizon, model and fold), {@code index.html} (tables with the baselines
 * side by side and the best value of each column marked) and PNG charts.
 */
public final class EvaluationReport {
  private static final double HIGHLIGHT_P = 0.05;

  private EvaluationReport() {}

  /** What the report says about the run besides the scores. */
  public record RunInfo(
      String dataDescription, double runtimeSeconds, double featureRowsPerSecond) {}

  /** The top of metrics.json. */
  public record Metrics(
      String runId,
      RunInfo run,
      Map<String, Object> config,
      List<Fold> folds,
      List<EvaluationData.FitRecord> fits,
      EvaluationSummary.Summary scores) {}

  /** Writes the report and returns the path of index.html. */
  public static java.nio.file.Path write(
      RunReport report, EvaluationData data, EvaluationSummary.Summary summary, RunInfo info)
      throws IOException {
    WalkForwardConfig c = data.config();
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("horizonsHours", c.spec().horizonsHours());
    config.put("forecastLevels", c.spec().levels());
    config.put("evaluationLevels", c.evaluationLevels());
    config.put("stressLevel", c.spec().stressLevel());
    config.put("stressHorizonHours", c.spec().stressHorizonHours());
    config.put("minTrainDays", c.minTrainDays());
    config.put("testBlockDays", c.testBlockDays());
    config.put("embargoHours", c.embargoHours());
    config.put("seed", c.seed());
    config.put("models", data.models());
    config.put("referenceModel", summary.referenceModel());
    report.writeMetrics(
        new Metrics(report.runId(), info, config, data.folds(), data.fits(), summary));

    StringBuilder html = new StringBuilder();
    html.append("<p>").append(RunReport.escape(info.dataDescription())).append("</p>\n");
    html.append(
        String.format(
            Locale.ROOT,
            "<p>Walk-forward: %d folds, expanding training window from %d days, test blocks of %d"
                + " days, embargo %d h, every model refitted before each block; seed %d. Run time"
                + " %.1f s; features at %.2f M rows/s. Models are scored on the same rows; nothing"
                + " is scored in sample.</p>%n",
            data.folds().size(),
            c.minTrainDays(),
            c.testBlockDays(),
            c.embargoHours(),
            c.seed(),
            info.runtimeSeconds(),
            info.featureRowsPerSecond() / 1e6));
    html.append(
            "<p>QLIKE, MSE, pinball, Brier: lower is better. MZ R², AUC, BSS: higher is better."
                + " Exceedance rates should equal 1 − α; Kupiec (POF) and Christoffersen (CC)"
                + " p-values below 0.05 (red) reject correct coverage; they use non-overlapping"
                + " windows only, and pooled they treat the assets as independent (optimistic:"
                + " crashes hit all assets at once), so read coverage per asset. RV floored: rows"
                + " whose realised variance was below the QLIKE floor (flat hours), each adding"
                + " about 10 to the QLIKE sum. DM: Diebold–Mariano p-value of the QLIKE difference"
                + " against <b>")
        .append(RunReport.escape(summary.referenceModel()))
        .append(
            "</b> (statistic sign: negative = better than it; pooled on the cross-sectional mean"
                + " loss per hour); DM vs garch / har: the same statistic against those models; DM"
                + " pinball.99: on the 0.99 pinball loss of the adverse move, against the"
                + " reference. Best value per column in green.</p>\n");
    fitNotes(html, data);
    for (Cell cell : summary.pooled()) {
      html.append("<h2>All assets pooled, ").append(cell.horizonHours()).append(" h</h2>\n");
      table(html, cell, c.evaluationLevelsArray());
    }
    String reliability = reliabilityChart(report, summary);
    if (reliability != null) {
      html.append("<h2>Stress calibration</h2>\n<img src=\"").append(reliability).append("\">\n");
    }
    html.append("<h2>Per asset</h2>\n");
    for (AssetEvaluation a : data.assets()) {
      html.append("<h3>").append(RunReport.escape(a.symbol())).append("</h3>\n");
      for (Cell cell : summary.perAsset()) {
        if (cell.symbol().equals(a.symbol())) {
          html.append("<p><b>").append(cell.horizonHours()).append(" h</b></p>\n");
          table(html, cell, c.evaluationLevelsArray());
        }
      }
      int h = c.spec().stressHorizonHours();
      html.append("<img src=\"").append(volatilityChart(report, data, a, h)).append("\">\n");
      html.append("<img src=\"").append(exceedanceChart(report, data, a, h, 0.99)).append("\">\n");
    }
    return report.writeHtml("liqopt evaluate", html.toString());
  }

  private enum Better {
    LOW,
    HIGH,
    NONE
  }

  private record Column(
      String label, Function<ModelScores, Double> value, Better better, String format) {}

  private static void table(StringBuilder html, Cell cell, double[] levels) {
    List<Column> cols = new ArrayList<>();
    cols.add(new Column("QLIKE", m -> m.variance().qlike(), Better.LOW, "%.4f"));
    cols.add(new Column("MSE", m -> m.variance().mse(), Better.LOW, "%.3e"));
    cols.add(
        new Column(
            "RV floored", m -> (double) m.variance().realisedFloored(), Better.NONE, "%.0f"));
    cols.add(
        new Column(
            "MZ R²",
            m -> m.mincerZarnowitz() == null ? null : m.mincerZarnowitz().rSquared(),
            Better.HIGH,
            "%.3f"));
    for (double level : levels) {
      String k = EvaluationSummary.key(level);
      cols.add(new Column("pinball " + k, m -> m.pinball().get(k), Better.LOW, "%.3e"));
    }
    for (double level : new double[] {0.95, 0.99}) {
      String k = EvaluationSummary.key(level);
      if (java.util.Arrays.stream(levels).noneMatch(l -> l == level)) {
        continue;
      }
      cols.add(new Column("exceed " + k, m -> cov(m, k, CoverageTest::rate), Better.NONE, "%.4f"));
      cols.add(new Column("Kupiec p " + k, m -> cov(m, k, CoverageTest::pPof), Better.NONE, "p"));
      cols.add(new Column("CC p " + k, m -> cov(m, k, t -> t.pCc()), Better.NONE, "p"));
    }
    boolean stress = cell.models().stream().anyMatch(m -> m.stress() != null);
    if (stress) {
      cols.add(
          new Column(
              "AUC", m -> m.stress() == null ? null : m.stress().auc(), Better.HIGH, "%.3f"));
      cols.add(
          new Column(
              "Brier", m -> m.stress() == null ? null : m.stress().brier(), Better.LOW, "%.5f"));
      cols.add(
          new Column(
              "BSS",
              m -> m.stress() == null ? null : m.stress().brierSkillScore(),
              Better.HIGH,
              "%.3f"));
    }
    cols.add(
        new Column(
            "DM p",
            m -> m.qlikeVsReference() == null ? null : m.qlikeVsReference().pValue(),
            Better.NONE,
            "p"));
    cols.add(
        new Column(
            "DM stat",
            m -> m.qlikeVsReference() == null ? null : m.qlikeVsReference().statistic(),
            Better.NONE,
            "%.2f"));
    for (String b : EvaluationSummary.VARIANCE_BENCHMARKS) {
      if (cell.models().stream().anyMatch(m -> m.model().equals(b))) {
        cols.add(
            new Column(
                "DM vs " + b,
                m ->
                    m.qlikeVsBaselines().get(b) == null
                        ? null
                        : m.qlikeVsBaselines().get(b).statistic(),
                Better.NONE,
                "%.2f"));
      }
    }
    cols.add(
        new Column(
            "DM pinball.99",
            m -> m.pinball99VsReference() == null ? null : m.pinball99VsReference().statistic(),
            Better.NONE,
            "%.2f"));

    html.append("<p><small>").append(cell.rows()).append(" rows scored");
    cell.rowsWithoutForecast()
        .forEach(
            (model, n) -> {
              if (n > 0) {
                html.append(", ")
                    .append(n)
                    .append(" rows without a ")
                    .append(RunReport.escape(model))
                    .append(" forecast (not scored for any model)");
              }
            });
    html.append(
            stress
                ? String.format(
                    Locale.ROOT,
                    ", stress base rate %.4f",
                    cell.models().get(0).stress().baseRate())
                : "")
        .append("</small></p>\n");
    html.append("<table><tr><th>model</th>");
    for (Column col : cols) {
      html.append("<th>").append(RunReport.escape(col.label())).append("</th>");
    }
    html.append("</tr>\n");
    for (ModelScores m : cell.models()) {
      html.append("<tr><td>").append(RunReport.escape(m.model())).append("</td>");
      for (Column col : cols) {
        Double v = col.value().apply(m);
        String cls = "";
        if (v != null && col.better() != Better.NONE && isBest(cell, col, v)) {
          cls = " class=\"best\"";
        } else if (v != null && "p".equals(col.format()) && v < HIGHLIGHT_P) {
          cls = " class=\"bad\"";
        }
        html.append("<td").append(cls).append(">").append(format(v, col.format())).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  /** Failed fits, assets left out of fits and refused forecasts, if any. */
  private static void fitNotes(StringBuilder html, EvaluationData data) {
    StringBuilder rows = new StringBuilder();
    for (EvaluationData.FitRecord f : data.fits()) {
      if (f.error() != null || !f.notFitted().isEmpty() || f.forecastErrors() > 0) {
        rows.append("<tr><td>")
            .append(f.fold() + 1)
            .append("</td><td>")
            .append(RunReport.escape(f.model()))
            .append("</td><td>")
            .append(RunReport.escape(f.error() == null ? "" : f.error()))
            .append("</td><td>")
            .append(RunReport.escape(String.join(", ", f.notFitted())))
            .append("</td><td>")
            .append(f.forecastErrors())
            .append(
                f.firstForecastError() == null
                    ? ""
                    : " (" + RunReport.escape(f.firstForecastError()) + ")")
            .append("</td></tr>\n");
      }
    }
    if (rows.length() > 0) {
      html.append(
              "<h2>Fit problems</h2>\n<table><tr><th>fold</th><th>model</th><th>fit error</th>"
                  + "<th>assets left out</th><th>refused forecasts</th></tr>\n")
          .append(rows)
          .append("</table>\n");
    }
  }

  private static Double cov(ModelScores m, String key, Function<CoverageTest, Double> f) {
    CoverageTest t = m.coverage().get(key);
    return t == null ? null : f.apply(t);
  }

  private static boolean isBest(Cell cell, Column col, double v) {
    for (ModelScores other : cell.models()) {
      Double o = col.value().apply(other);
      if (o != null && (col.better() == Better.LOW ? o < v : o > v)) {
        return false;
      }
    }
    return cell.models().size() > 1;
  }

  private static String format(Double v, String format) {
    if (v == null) {
      return "–";
    }
    if ("p".equals(format)) {
      return v < 1e-4
          ? String.format(Locale.ROOT, "%.1e", v)
          : String.format(Locale.ROOT, "%.4f", v);
    }
    return String.format(Locale.ROOT, format, v);
  }

  /** Forecast vs realised volatility over the horizon, daily points, in percent. */
  private static String volatilityChart(
      RunReport report, EvaluationData data, AssetEvaluation a, int h) throws IOException {
    ChartSpec.Builder chart =
        ChartSpec.overTime(a.symbol() + ": " + h + " h volatility, forecast vs realised")
            .xAxisTitle("UTC")
            .yAxisTitle("volatility over " + h + " h (%)");
    int n = a.rows();
    long[] t = new long[n];
    double[] realised = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = a.openTimeMs(i);
      realised[i] =
          a.comparable(i, h)
              ? 100 * Math.sqrt(a.realised(h).realisedVariance(a.seriesRow(i)))
              : Double.NaN;
    }
    chart.add(ChartSeries.overTime("realised", t, realised, Style.LINE, 24));
    for (String m : data.models()) {
      Predictions p = a.predictions(m, h);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = a.comparable(i, h) ? 100 * Math.sqrt(p.variance(i)) : Double.NaN;
      }
      chart.add(ChartSeries.overTime(m, t, v, Style.LINE, 24));
    }
    return report.writeChart("vol-" + a.symbol() + "-" + h + "h", chart.build());
  }

  /** The price path with a marker wherever the realised drop exceeded a model's α-quantile. */
  private static String exceedanceChart(
      RunReport report, EvaluationData data, AssetEvaluation a, int h, double alpha)
      throws IOException {
    double[] levels = data.config().evaluationLevelsArray();
    int k = -1;
    for (int l = 0; l < levels.length; l++) {
      if (levels[l] == alpha) {
        k = l;
      }
    }
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
                  && a.seriesRow(i) % h == 0
                  && a.realised(h).longAdverseMove(a.seriesRow(i)) > p.quantile(k, i);
          hit[i] = exceed ? close[i] : Double.NaN;
        }
        chart.add(ChartSeries.overTime(m + " exceedance", t, hit, Style.MARKERS));
      }
    }
    return report.writeChart("exceed-" + a.symbol() + "-" + h + "h", chart.build());
  }

  /** Observed stress frequency against forecast probability, pooled, per model. */
  private static String reliabilityChart(RunReport report, EvaluationSummary.Summary summary)
      throws IOException {
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
        double[] x = new double[bins.size()];
        double[] y = new double[bins.size()];
        for (int i = 0; i < bins.size(); i++) {
          ReliabilityBin b = bins.get(i);
          x[i] = b.meanForecast() == null ? Double.NaN : b.meanForecast();
          y[i] = b.observedFrequency() == null ? Double.NaN : b.observedFrequency();
        }
        chart.add(ChartSeries.of(m.model(), x, y, Style.LINE_WITH_MARKERS));
      }
      return report.writeChart("stress-reliability", chart.build());
    }
    return null;
  }
}

package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.Fold;
import io.liqopt.report.ChartSpec;
import io.liqopt.report.RunReport;
import io.liqopt.report.page.Chart;
import io.liqopt.report.page.EvaluationPage;
import io.liqopt.report.page.EvaluationPage.AssetSection;
import io.liqopt.report.page.EvaluationPage.FitProblem;
import io.liqopt.report.page.EvaluationPage.HorizonTable;
import io.liqopt.training.walkforward.EvaluationSummary.Cell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an evaluation into a {@link RunReport}: {@code metrics.json} (configuration, folds, fits,
 * every score per asset, horizon, model and fold), {@code index.html} (tables with the baselines
 * side by side and the best value of each column marked, {@link EvaluationTable}) and PNG charts
 * ({@link EvaluationCharts}).
 */
public final class EvaluationReport {
  private EvaluationReport() {}

  /**
   * What the report says about the run besides the scores.
   *
   * @param recipe the recipe the run was taken from, with its overrides; null when none
   */
  public record RunInfo(
      String dataDescription,
      double runtimeSeconds,
      double featureRowsPerSecond,
      io.liqopt.ml.RecipeProvenance recipe) {}

  /** The top of metrics.json. */
  public record Metrics(
      String runId,
      RunInfo run,
      Config config,
      List<Fold> folds,
      List<EvaluationData.FitRecord> fits,
      EvaluationSummary.Summary scores) {}

  /**
   * What the run was asked for (metrics.json's {@code config}).
   *
   * @param forecastLevels the levels the models forecast
   * @param evaluationLevels the levels the quantiles are scored at
   * @param referenceModel the model Diebold–Mariano compares against
   * @param interval the bars' interval, e.g. {@code 1h} or {@code 1m}
   * @param quantileTrackingGamma γ of the quantile tracking every model's quantiles got before they
   *     were scored (0: none)
   */
  public record Config(
      List<Integer> horizonsHours,
      List<Double> forecastLevels,
      List<Double> evaluationLevels,
      double stressLevel,
      int stressHorizonHours,
      int minTrainDays,
      int testBlockDays,
      int embargoHours,
      long seed,
      List<String> models,
      String referenceModel,
      String interval,
      double quantileTrackingGamma) {}

  /** Writes the report and returns the path of index.html. */
  public static Path write(
      RunReport report, EvaluationData data, EvaluationSummary.Summary summary, RunInfo info)
      throws IOException {
    WalkForwardConfig c = data.config();
    Config config =
        new Config(
            c.spec().horizonsHours(),
            c.spec().levels(),
            c.evaluationLevels(),
            c.spec().stressLevel(),
            c.spec().stressHorizonHours(),
            c.minTrainDays(),
            c.testBlockDays(),
            c.embargoHours(),
            c.seed(),
            data.models(),
            summary.referenceModel(),
            intervalLabel(data),
            c.spec().quantileTrackingGamma());
    report.writeMetrics(
        new Metrics(report.runId(), info, config, data.folds(), data.fits(), summary));

    List<HorizonTable> pooled = new ArrayList<>();
    for (Cell cell : summary.pooled()) {
      pooled.add(new HorizonTable(cell.horizonHours(), EvaluationTable.of(cell, levels(data))));
    }
    ChartSpec reliability = EvaluationCharts.reliability(summary);
    Chart reliabilityChart =
        reliability == null ? null : chart(report, "stress-reliability", reliability);
    List<AssetSection> perAsset = new ArrayList<>();
    for (AssetEvaluation a : data.assets()) {
      perAsset.add(assetSection(report, data, summary, a));
    }
    return report.writePage(
        new EvaluationPage(
            "liqopt evaluate",
            info.dataDescription() + trackingLine(c) + recipeLine(info.recipe()),
            new EvaluationPage.RunLine(
                data.folds().size(),
                c.minTrainDays(),
                c.testBlockDays(),
                c.embargoHours(),
                c.seed(),
                info.runtimeSeconds(),
                info.featureRowsPerSecond()),
            summary.referenceModel(),
            fitProblems(data),
            pooled,
            IntervalTables.of(summary.intervals()),
            reliabilityChart,
            perAsset));
  }

  /** Whether the quantiles were tracked, for the page's description ("" when not). */
  private static String trackingLine(WalkForwardConfig c) {
    double g = c.spec().quantileTrackingGamma();
    return g == 0
        ? ""
        : " Every model's adverse-move quantiles tracked before scoring (adaptive conformal "
            + "inference, γ = "
            + g
            + ").";
  }

  /** The recipe as the page's description ends with it ("" without one). */
  static String recipeLine(io.liqopt.ml.RecipeProvenance r) {
    if (r == null) {
      return "";
    }
    return " Recipe "
        + r.name()
        + " v"
        + r.version()
        + " ("
        + r.source()
        + ", SHA-256 "
        + r.sha256().substring(0, Math.min(12, r.sha256().length()))
        + ")"
        + (r.asWritten()
            ? ", as written."
            : ", overridden by " + String.join(", ", r.overrides()) + ".");
  }

  private static double[] levels(EvaluationData data) {
    return data.config().evaluationLevelsArray();
  }

  /** One asset's tables (every horizon) and its charts at the stress horizon. */
  private static AssetSection assetSection(
      RunReport report, EvaluationData data, EvaluationSummary.Summary summary, AssetEvaluation a)
      throws IOException {
    List<HorizonTable> tables = new ArrayList<>();
    for (Cell cell : summary.perAsset()) {
      if (cell.symbol().equals(a.symbol())) {
        tables.add(new HorizonTable(cell.horizonHours(), EvaluationTable.of(cell, levels(data))));
      }
    }
    int h = data.config().spec().stressHorizonHours();
    String suffix = a.symbol() + "-" + h + "h";
    List<Chart> charts =
        List.of(
            chart(report, "vol-" + suffix, EvaluationCharts.volatility(data, a, h)),
            chart(report, "exceed-" + suffix, EvaluationCharts.exceedance(data, a, h, 0.99)));
    return new AssetSection(a.symbol(), tables, charts);
  }

  private static Chart chart(RunReport report, String name, ChartSpec spec) throws IOException {
    String file = report.writeChart(name, spec);
    return new Chart(file, file);
  }

  /** Failed fits, assets left out of fits and refused forecasts, if any. */
  static List<FitProblem> fitProblems(EvaluationData data) {
    List<FitProblem> problems = new ArrayList<>();
    for (EvaluationData.FitRecord f : data.fits()) {
      if (f.error() != null || !f.notFitted().isEmpty() || f.forecastErrors() > 0) {
        problems.add(
            new FitProblem(
                f.fold() + 1,
                f.model(),
                f.error() == null ? "" : f.error(),
                String.join(", ", f.notFitted()),
                f.forecastErrors(),
                f.firstForecastError()));
      }
    }
    return problems;
  }

  /** The label of the bars' interval (all assets share it); null when there is no asset. */
  private static String intervalLabel(EvaluationData data) {
    return data.assets().isEmpty() ? null : data.assets().get(0).interval().label();
  }
}

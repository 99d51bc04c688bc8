package io.liqopt.training.walkforward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.report.ChartSpec;
import io.liqopt.report.RunReport;
import io.liqopt.report.page.Chart;
import io.liqopt.report.page.EvaluationPage;
import io.liqopt.report.page.EvaluationPage.AssetSection;
import io.liqopt.report.page.EvaluationPage.HorizonTable;
import io.liqopt.training.walkforward.EvaluationSummary.Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code liqopt evaluate --rescore}: every score of an evaluation recomputed from its {@link
 * PredictionsCsv} file alone, written as a new {@code reports/evaluate/<run-id>/} with the
 * metrics.json layout of {@link EvaluationReport} plus {@code rescoredFrom}. The run's {@code run},
 * {@code config}, {@code folds} and {@code fits} are copied from the metrics.json beside the file
 * when there is one (null otherwise); the reference model is the one given, else that
 * metrics.json's, else the file's first model.
 */
public final class RescoreJob {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the job produced. */
  public record Result(
      RunReport report, Path index, EvaluationSummary.Summary summary, double runtimeSeconds) {}

  /** The top of a rescored metrics.json: {@link EvaluationReport.Metrics}' fields, and the file. */
  public record Metrics(
      String runId,
      String rescoredFrom,
      JsonNode run,
      JsonNode config,
      JsonNode folds,
      JsonNode fits,
      EvaluationSummary.Summary scores) {}

  private RescoreJob() {}

  /**
   * Rescores {@code predictions} into {@code <reportsRoot>/evaluate/<run-id>/}.
   *
   * @param referenceModel the Diebold–Mariano reference, or null for the run's
   * @throws IllegalArgumentException with a one-line message on a malformed file or an unknown
   *     reference model
   */
  public static Result run(Path predictions, String referenceModel, Path reportsRoot, Instant now)
      throws IOException {
    long start = System.nanoTime();
    PredictionsRescore.Read read = PredictionsRescore.read(predictions);
    JsonNode original = original(predictions);
    String reference = referenceModel;
    if (reference == null && original != null && original.path("config").has("referenceModel")) {
      reference = original.path("config").path("referenceModel").asText();
    }
    if (reference == null) {
      reference = read.models().get(0);
    }
    EvaluationSummary.Summary summary =
        EvaluationSummary.of(
            read.byHorizon(),
            read.models(),
            read.levels(),
            read.stressHorizon(),
            reference,
            ScoreIntervals.Settings.DEFAULT);
    RunReport report = RunReport.create(reportsRoot, "evaluate", now);
    report.writeMetrics(
        new Metrics(
            report.runId(),
            predictions.toAbsolutePath().normalize().toString(),
            node(original, "run"),
            node(original, "config"),
            node(original, "folds"),
            node(original, "fits"),
            summary));
    double runtime = (System.nanoTime() - start) / 1e9;
    Path index =
        report.writePage(
            page(report, predictions, read, summary, node(original, "config"), runtime));
    return new Result(report, index, summary, runtime);
  }

  private static JsonNode original(Path predictions) throws IOException {
    Path parent = predictions.toAbsolutePath().getParent();
    Path metrics = parent == null ? null : parent.resolve("metrics.json");
    return metrics != null && Files.isRegularFile(metrics) ? JSON.readTree(metrics.toFile()) : null;
  }

  private static JsonNode node(JsonNode original, String field) {
    return original == null ? null : original.get(field);
  }

  private static EvaluationPage page(
      RunReport report,
      Path predictions,
      PredictionsRescore.Read read,
      EvaluationSummary.Summary summary,
      JsonNode config,
      double runtime)
      throws IOException {
    List<HorizonTable> pooled = new ArrayList<>();
    for (Cell cell : summary.pooled()) {
      pooled.add(new HorizonTable(cell.horizonHours(), EvaluationTable.of(cell, read.levels())));
    }
    Map<String, List<HorizonTable>> bySymbol = new LinkedHashMap<>();
    for (Cell cell : summary.perAsset()) {
      bySymbol
          .computeIfAbsent(cell.symbol(), k -> new ArrayList<>())
          .add(new HorizonTable(cell.horizonHours(), EvaluationTable.of(cell, read.levels())));
    }
    List<AssetSection> perAsset = new ArrayList<>();
    bySymbol.forEach((symbol, tables) -> perAsset.add(new AssetSection(symbol, tables, List.of())));
    ChartSpec reliability = EvaluationCharts.reliability(summary);
    Chart chart = null;
    if (reliability != null) {
      String file = report.writeChart("stress-reliability", reliability);
      chart = new Chart(file, file);
    }
    int folds = 0;
    for (EvaluationSummary.FoldScores f : summary.perFold()) {
      folds = Math.max(folds, f.fold() + 1);
    }
    JsonNode c = config == null ? JSON.createObjectNode() : config;
    return new EvaluationPage(
        "liqopt evaluate (rescored)",
        "Rescored from " + predictions.toAbsolutePath().normalize() + " without data or refitting.",
        new EvaluationPage.RunLine(
            folds,
            c.path("minTrainDays").asInt(),
            c.path("testBlockDays").asInt(),
            c.path("embargoHours").asInt(),
            c.path("seed").asLong(),
            runtime,
            0),
        summary.referenceModel(),
        List.of(),
        pooled,
        IntervalTables.of(summary.intervals()),
        chart,
        perAsset);
  }
}

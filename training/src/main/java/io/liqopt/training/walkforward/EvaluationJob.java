package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleMetrics;
import io.liqopt.report.RunReport;
import io.liqopt.training.metrics.CoverageTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code liqopt evaluate} as a library call: features for every asset (the market factor from
 * {@code marketSymbol}), the walk-forward, the scores and the report.
 */
public final class EvaluationJob {

  /** What the job produced. */
  public record Result(
      RunReport report,
      Path index,
      EvaluationData data,
      EvaluationSummary.Summary summary,
      double runtimeSeconds,
      double featureRowsPerSecond) {}

  private EvaluationJob() {}

  /**
   * Runs the evaluation of {@code forecasters} (the first is the reference of Diebold–Mariano
   * tests) over {@code market}, with {@code factor} as the market factor of the features (it need
   * not be among the evaluated series), and writes {@code <reportsRoot>/evaluate/<run-id>/}.
   */
  public static Result run(
      List<BarSeries> market,
      BarSeries factor,
      List<Forecaster> forecasters,
      WalkForwardConfig config,
      Path reportsRoot,
      Instant now,
      WalkForwardRunner.Listener listener)
      throws IOException {
    return run(market, factor, forecasters, config, reportsRoot, now, listener, null, null);
  }

  /**
   * As above, recording in metrics.json the recipe the run was taken from (null: none), the
   * walk-forward's tasks run on {@code runner} (null: in this JVM); the features, scores and report
   * are computed here either way.
   */
  public static Result run(
      List<BarSeries> market,
      BarSeries factor,
      List<Forecaster> forecasters,
      WalkForwardConfig config,
      Path reportsRoot,
      Instant now,
      WalkForwardRunner.Listener listener,
      io.liqopt.ml.RecipeProvenance recipe,
      TaskRunner runner)
      throws IOException {
    long start = System.nanoTime();
    long f0 = System.nanoTime();
    List<AssetHistory> histories = new ArrayList<>();
    long rows = 0;
    for (BarSeries s : market) {
      histories.add(AssetHistory.of(s, factor));
      rows += s.size();
    }
    double featureSeconds = Math.max(1e-9, (System.nanoTime() - f0) / 1e9);
    EvaluationData data = WalkForwardRunner.run(histories, forecasters, config, listener, runner);
    QuantileTrackingPass.apply(data);
    EvaluationSummary.Summary summary = EvaluationSummary.of(data, forecasters.get(0).name());
    double runtime = (System.nanoTime() - start) / 1e9;
    RunReport report = RunReport.create(reportsRoot, "evaluate", now);
    Path index =
        EvaluationReport.write(
            report,
            data,
            summary,
            new EvaluationReport.RunInfo(
                describe(market, factor.symbol()), runtime, rows / featureSeconds, recipe));
    return new Result(report, index, data, summary, runtime, rows / featureSeconds);
  }

  private static String describe(List<BarSeries> market, String marketSymbol) {
    DateTimeFormatter d = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder();
    long bars = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (BarSeries s : market) {
      sb.append(sb.length() == 0 ? "" : ", ").append(s.symbol());
      bars += s.size();
      if (!s.isEmpty()) {
        first = Math.min(first, s.firstOpenTimeMs());
        last = Math.max(last, s.lastOpenTimeMs());
      }
    }
    return String.format(
        "%d assets (%s), %,d hourly bars, %s to %s; market factor %s.",
        market.size(),
        sb,
        bars,
        d.format(Instant.ofEpochMilli(first)),
        d.format(Instant.ofEpochMilli(last)),
        marketSymbol);
  }

  /**
   * What a bundle's manifest records of an evaluation: the report's index and, per horizon and
   * model, the pooled QLIKE, 0.99 exceedance rate and stress AUC and Brier score.
   */
  public static BundleMetrics bundleMetrics(Result r) {
    Map<String, Map<String, BundleMetrics.PooledScores>> pooled = new LinkedHashMap<>();
    for (EvaluationSummary.Cell c : r.summary().pooled()) {
      Map<String, BundleMetrics.PooledScores> byModel = new LinkedHashMap<>();
      for (EvaluationSummary.ModelScores m : c.models()) {
        CoverageTest coverage99 = m.coverage().get("0.99");
        boolean stress = m.stress() != null && m.stress().auc() != null;
        byModel.put(
            m.model(),
            new BundleMetrics.PooledScores(
                coverage99 == null ? null : coverage99.rate(),
                m.variance() == null ? null : m.variance().qlike(),
                stress ? m.stress().auc() : null,
                stress ? m.stress().brier() : null));
      }
      pooled.put(c.horizonHours() + "h", byModel);
    }
    return new BundleMetrics(r.index().toAbsolutePath().normalize().toString(), pooled);
  }
}

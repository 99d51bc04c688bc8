package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.report.ChartSeries;
import io.liqopt.report.ChartSeries.Style;
import io.liqopt.report.ChartSpec;
import io.liqopt.report.RunReport;
import io.liqopt.report.page.BacktestPage;
import io.liqopt.report.page.Chart;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code reports/backtest/<run-id>/}: metrics.json (every figure), index.html (the frontier
 * chart with the families' curves, the policy table, the per-asset and per-episode tables, the
 * bootstrap intervals and family comparisons, LT against price a year at a time ({@link
 * BacktestLtCharts}), and a plain-language summary) and the PNG charts.
 */
public final class BacktestReport {
  private BacktestReport() {}

  /** The figures of a backtest, as written to metrics.json. */
  public record Summary(
      BacktestConfiguration configuration,
      List<PolicyMetrics> pooled,
      Map<String, List<PolicyMetrics>> perAsset,
      List<PolicyMetrics.EpisodeMetrics> episodes,
      Bootstrap.Result intervals,
      List<String> findings,
      double simulationSeconds,
      long positionHours,
      double positionHoursPerSecond) {}

  /** Computes every figure of {@code result}. */
  public static Summary summarise(
      Backtest.Result result, List<AssetHistory> histories, BacktestConfiguration configuration) {
    List<PolicyMetrics> pooled = new ArrayList<>();
    Map<String, List<PolicyMetrics>> perAsset = new LinkedHashMap<>();
    for (PolicyRun p : result.policies()) {
      pooled.add(PolicyMetrics.of(result, p, histories, null));
    }
    for (String symbol : result.windows().keySet()) {
      List<PolicyMetrics> l = new ArrayList<>();
      for (PolicyRun p : result.policies()) {
        l.add(PolicyMetrics.of(result, p, histories, List.of(symbol)));
      }
      perAsset.put(symbol, l);
    }
    List<PolicyMetrics.EpisodeMetrics> episodes = new ArrayList<>();
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    for (AssetHistory h : histories) {
      Backtest.Window w = result.windows().get(h.symbol());
      if (w != null) {
        from = Math.min(from, h.series().openTimeMs(w.from()));
        to = Math.max(to, h.series().openTimeMs(w.to() - 1));
      }
    }
    for (Episode e : Episode.KNOWN) {
      if (e.toMs() > from && e.fromMs() < to) {
        for (PolicyRun p : result.policies()) {
          episodes.add(PolicyMetrics.EpisodeMetrics.of(e, result, p));
        }
      }
    }
    long ph = result.positionHours();
    return new Summary(
        configuration,
        pooled,
        perAsset,
        episodes,
        Bootstrap.of(result),
        BacktestFindings.findings(pooled),
        result.seconds(),
        ph,
        result.seconds() > 0 ? ph / result.seconds() : Double.NaN);
  }

  /** Writes the report; returns index.html. */
  public static Path write(
      Path reportsRoot,
      Instant now,
      Summary s,
      Backtest.Result result,
      List<AssetHistory> histories)
      throws IOException {
    RunReport report = RunReport.create(reportsRoot, "backtest", now);
    report.writeMetrics(s);
    return write(
        report,
        "Backtest: adaptive thresholds against static rules",
        List.of(),
        List.of(),
        s,
        result,
        histories);
  }

  /**
   * Writes the charts and index.html of {@code s} into {@code report} (metrics.json is the
   * caller's), {@code title} over the page, {@code lead} before the findings and {@code search}
   * (charts already written) after the frontier.
   */
  static Path write(
      RunReport report,
      String title,
      List<String> lead,
      List<Chart> search,
      Summary s,
      Backtest.Result result,
      List<AssetHistory> histories)
      throws IOException {
    String frontier = report.writeChart("frontier", frontierChart(s.pooled()));
    List<Chart> ltCharts = new ArrayList<>();
    for (BacktestLtCharts.Named c : BacktestLtCharts.charts(s.pooled(), result, histories)) {
      ltCharts.add(new Chart(report.writeChart(c.file(), c.spec()), c.caption()));
    }
    return report.writePage(
        page(title, lead, s, result, new Chart(frontier, "frontier"), search, ltCharts));
  }

  /** The page's view of a summary, with the charts already written. */
  static BacktestPage page(
      String title,
      List<String> lead,
      Summary s,
      Backtest.Result result,
      Chart frontier,
      List<Chart> search,
      List<Chart> ltCharts) {
    List<BacktestPage.AssetTable> perAsset = new ArrayList<>();
    for (Map.Entry<String, List<PolicyMetrics>> e : s.perAsset().entrySet()) {
      perAsset.add(new BacktestPage.AssetTable(e.getKey(), rows(e.getValue())));
    }
    List<BacktestPage.EpisodeRow> episodes = new ArrayList<>();
    for (PolicyMetrics.EpisodeMetrics e : s.episodes()) {
      episodes.add(
          new BacktestPage.EpisodeRow(
              e.episode(), e.policy(), e.badDebtQuote(), e.liquidations(), e.liquidatedQuote()));
    }
    List<BacktestPage.PolicyNote> policies = new ArrayList<>();
    for (PolicyRun p : result.policies()) {
      policies.add(new BacktestPage.PolicyNote(p.name(), p.kind(), p.description()));
    }
    List<String> findings = new ArrayList<>(lead);
    findings.addAll(s.findings());
    return new BacktestPage(
        title,
        findings,
        frontier,
        search,
        rows(ofKind(s.pooled(), false, "preset", "bonus")),
        rows(ofKind(s.pooled(), true, "preset")),
        rows(ofKind(s.pooled(), true, "bonus")),
        perAsset,
        episodes,
        BootstrapRows.of(s.intervals()),
        ltCharts,
        policies,
        s.positionHours(),
        s.simulationSeconds(),
        s.positionHoursPerSecond());
  }

  /** The metrics whose kind is among {@code kinds} ({@code among}) or is not. */
  private static List<PolicyMetrics> ofKind(
      List<PolicyMetrics> ms, boolean among, String... kinds) {
    List<PolicyMetrics> out = new ArrayList<>();
    for (PolicyMetrics m : ms) {
      if (List.of(kinds).contains(m.kind()) == among) {
        out.add(m);
      }
    }
    return out;
  }

  private static List<BacktestPage.PolicyRow> rows(List<PolicyMetrics> ms) {
    List<BacktestPage.PolicyRow> rows = new ArrayList<>();
    for (PolicyMetrics m : ms) {
      rows.add(
          new BacktestPage.PolicyRow(
              m.policy(),
              m.timeAvgLtv(),
              m.badDebtShare(),
              m.liquidationsPerSeed(),
              m.liquidatedShare(),
              m.partialShare(),
              m.penaltyShare(),
              m.largestDailyLtChange(),
              m.cascadeDepth(),
              m.cliffShare(),
              m.dailyBadDebtVar95(),
              m.dailyBadDebtEs99()));
    }
    return rows;
  }

  /** Bad debt shares (%) under this are drawn at it on the log axis. */
  static final double FRONTIER_FLOOR_PERCENT = 1e-7;

  static ChartSpec frontierChart(List<PolicyMetrics> pooled) {
    ChartSpec.Builder c =
        ChartSpec.numeric("Bad debt against capital efficiency")
            .xAxisTitle("time-averaged LTV (%)")
            .yAxisTitle("bad debt / borrowed (%, log)")
            .logY();
    List<PolicyMetrics> statics = new ArrayList<>();
    for (PolicyMetrics m : pooled) {
      if (BacktestFindings.isGridPoint(m)) {
        statics.add(m);
      }
    }
    statics.sort((a, b) -> Double.compare(a.timeAvgLtv(), b.timeAvgLtv()));
    double[] x = new double[statics.size()];
    double[] y = new double[statics.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = 100 * statics.get(i).timeAvgLtv();
      y[i] = Math.max(FRONTIER_FLOOR_PERCENT, 100 * statics.get(i).badDebtShare());
    }
    c.add(ChartSeries.of("static rules (LT grid)", x, y, Style.LINE_WITH_MARKERS));
    Map<String, List<PolicyMetrics>> families = new LinkedHashMap<>();
    for (PolicyMetrics m : pooled) {
      String f = PolicyRun.familyOf(m.kind(), m.policy());
      if (!f.isEmpty() && !BacktestFindings.isGridPoint(m)) {
        families.computeIfAbsent(f, k -> new ArrayList<>()).add(m);
      }
    }
    families.values().removeIf(l -> l.size() < 2);
    for (Map.Entry<String, List<PolicyMetrics>> e : families.entrySet()) {
      c.add(curve(e.getKey() + " family (curve)", e.getValue()));
    }
    for (PolicyMetrics m : pooled) {
      boolean onCurve =
          families.containsKey(PolicyRun.familyOf(m.kind(), m.policy()))
              || BacktestFindings.isGridPoint(m);
      if (!onCurve) {
        c.add(
            ChartSeries.of(
                m.policy() + markerNote(m.kind()),
                new double[] {100 * m.timeAvgLtv()},
                new double[] {Math.max(FRONTIER_FLOOR_PERCENT, 100 * m.badDebtShare())},
                Style.MARKERS));
      }
    }
    return c.build();
  }

  /** The points {@code ms} as one line, sorted by time-averaged LTV. */
  private static ChartSeries curve(String name, List<PolicyMetrics> ms) {
    List<PolicyMetrics> sorted = new ArrayList<>(ms);
    sorted.sort((a, b) -> Double.compare(a.timeAvgLtv(), b.timeAvgLtv()));
    double[] x = new double[sorted.size()];
    double[] y = new double[sorted.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = 100 * sorted.get(i).timeAvgLtv();
      y[i] = Math.max(FRONTIER_FLOOR_PERCENT, 100 * sorted.get(i).badDebtShare());
    }
    return ChartSeries.of(name, x, y, Style.LINE_WITH_MARKERS);
  }

  /** What a lone marker's legend adds to its name: presets and bonus points are not curves. */
  private static String markerNote(String kind) {
    return switch (kind) {
      case "preset" -> " (preset, own bonus)";
      case "bonus" -> " (bonus experiment)";
      default -> "";
    };
  }
}

package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
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
 * chart, the policy table, the per-asset and per-episode tables, LT against price per asset with
 * liquidations marked, and a plain-language summary) and the PNG charts.
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
        s,
        result,
        histories);
  }

  /**
   * Writes the charts and index.html of {@code s} into {@code report} (metrics.json is the
   * caller's), {@code title} over the page and {@code lead} before the findings.
   */
  static Path write(
      RunReport report,
      String title,
      List<String> lead,
      Summary s,
      Backtest.Result result,
      List<AssetHistory> histories)
      throws IOException {
    String frontier = report.writeChart("frontier", frontierChart(s.pooled()));
    List<Chart> ltCharts = new ArrayList<>();
    for (AssetHistory h : histories) {
      if (result.windows().containsKey(h.symbol())) {
        ltCharts.add(
            new Chart(
                report.writeChart("lt-" + h.symbol(), ltChart(h, result)), "LT " + h.symbol()));
      }
    }
    return report.writePage(
        page(title, lead, s, result, new Chart(frontier, "frontier"), ltCharts));
  }

  /** The page's view of a summary, with the charts already written. */
  static BacktestPage page(
      String title,
      List<String> lead,
      Summary s,
      Backtest.Result result,
      Chart frontier,
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
    for (PolicyMetrics m : pooled) {
      if (!BacktestFindings.isGridPoint(m)) {
        c.add(
            ChartSeries.of(
                m.policy(),
                new double[] {100 * m.timeAvgLtv()},
                new double[] {Math.max(FRONTIER_FLOOR_PERCENT, 100 * m.badDebtShare())},
                Style.MARKERS));
      }
    }
    return c.build();
  }

  static ChartSpec ltChart(AssetHistory h, Backtest.Result result) {
    Backtest.Window w = result.windows().get(h.symbol());
    BarSeries bars = h.series();
    int n = w.to() - w.from();
    int step = Math.max(1, n / 4000);
    long[] t = new long[n];
    double[] price = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = bars.openTimeMs(w.from() + i);
      price[i] = bars.close(w.from() + i);
    }
    ChartSpec.Builder c =
        ChartSpec.overTime(h.symbol() + ": LT (and max LTV) against price")
            .xAxisTitle("UTC")
            .yAxisTitle("LT / max LTV (%)")
            .secondYAxis("price");
    // the venue preset, the governed adaptive policies (LT and max LTV) and one ablation
    boolean hasMl = result.policies().stream().anyMatch(p -> p.name().equals("ml"));
    String ablation = hasMl ? "ml-ungoverned" : "ewma-ungoverned";
    for (PolicyRun p : result.policies()) {
      boolean shown =
          p.name().equals("aave-v3-style")
              || p.name().equals(ablation)
              || (p.kind().equals("adaptive") && !p.name().endsWith("-ungoverned"));
      if (!shown) {
        continue;
      }
      ThresholdSchedule s = p.schedules().get(h.symbol());
      double[] lt = new double[n];
      for (int i = 0; i < n; i++) {
        lt[i] = 100 * s.lt(w.from() + i);
      }
      c.add(ChartSeries.overTime("LT " + p.name(), t, lt, Style.LINE, step));
      if (p.kind().equals("adaptive") && !p.name().endsWith("-ungoverned")) {
        double[] ltv = new double[n];
        for (int i = 0; i < n; i++) {
          ltv[i] = 100 * s.maxLtv(w.from() + i);
        }
        c.add(ChartSeries.overTime("max LTV " + p.name(), t, ltv, Style.LINE, step));
      }
    }
    c.add(ChartSeries.overTime("price", t, price, Style.LINE, step).onSecondYAxis());
    // the liquidations of the first adaptive policy (first seed), on the price axis
    for (PolicyRun p : result.policies()) {
      if (!p.kind().equals("adaptive")) {
        continue;
      }
      for (AssetRun r : result.runs().get(p.name())) {
        if (r.symbol().equals(h.symbol())
            && r.seed() == result.seeds().get(0)
            && r.events().size() > 0) {
          c.add(
              ChartSeries.overTime(
                      "liquidations " + p.name(),
                      r.events().copyTimeMs(),
                      r.events().copyPrice(),
                      Style.SCATTER)
                  .onSecondYAxis());
        }
      }
      break;
    }
    return c.build();
  }
}

package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.report.ChartSeries;
import io.liqopt.report.ChartSeries.Style;
import io.liqopt.report.ChartSpec;
import io.liqopt.report.Rgba;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's LT charts, kept few enough to read: one asset (the one with the most borrowed
 * volume, all policies and seeds), one UTC calendar year per chart (the last {@link #MAX_YEARS}),
 * and three policies: the governed adaptive policy (the ML one when run, else the first), the
 * static grid point whose pooled time-averaged LTV is nearest to it, and the per-asset static LT.
 * Each year has an LT chart (LT on the left axis, price on the right) and a small chart of the
 * liquidations per day of the same policies (all seeds), drawn as bars.
 */
final class BacktestLtCharts {
  /** Years drawn at most (the last ones): two charts each. */
  static final int MAX_YEARS = 6;

  private static final long DAY_MS = 86_400_000L;
  private static final long HOUR_MS = 3_600_000L;
  private static final int MAX_POINTS = 4000;
  private static final int BARS_HEIGHT_PX = 220;
  private static final List<Rgba> COLOURS =
      List.of(Rgba.of(31, 119, 180), Rgba.of(255, 127, 14), Rgba.of(44, 160, 44));
  private static final int BAR_ALPHA = 140;
  private static final Rgba PRICE = new Rgba(120, 120, 120, 160);

  private BacktestLtCharts() {}

  /** A chart to write: its file name (without .png), its caption and the chart. */
  record Named(String file, String caption, ChartSpec spec) {}

  /** The charts of {@code result}: per year, LT against price then the liquidations per day. */
  static List<Named> charts(
      List<PolicyMetrics> pooled, Backtest.Result result, List<AssetHistory> histories) {
    AssetHistory h = largestBorrowed(result, histories);
    if (h == null) {
      return List.of();
    }
    List<PolicyRun> shown = shown(pooled, result);
    Backtest.Window w = result.windows().get(h.symbol());
    BarSeries bars = h.series();
    int first = year(bars.openTimeMs(w.from()));
    int last = year(bars.openTimeMs(w.to() - 1));
    List<Named> out = new ArrayList<>();
    for (int y = Math.max(first, last - MAX_YEARS + 1); y <= last; y++) {
      long start = LocalDate.of(y, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      long end = LocalDate.of(y + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      int from = Math.max(w.from(), bars.indexAtOrAfter(start));
      int to = Math.min(w.to(), bars.indexAtOrAfter(end));
      if (from >= to) {
        continue;
      }
      String id = h.symbol() + "-" + y;
      out.add(new Named("lt-" + id, "LT " + id, ltChart(h, shown, from, to, y)));
      // the bars over the same days as the LT chart's hours
      long firstDay = Math.floorDiv(bars.openTimeMs(from), DAY_MS) * DAY_MS;
      long endDay = (Math.floorDiv(bars.openTimeMs(to - 1), DAY_MS) + 1) * DAY_MS;
      out.add(
          new Named(
              "liquidations-" + id,
              "liquidations " + id,
              liquidationChart(h, shown, result, firstDay, endDay, y)));
    }
    return out;
  }

  /** The asset with the most borrowed volume over every run; null when none was simulated. */
  static AssetHistory largestBorrowed(Backtest.Result result, List<AssetHistory> histories) {
    Map<String, Double> borrowed = new LinkedHashMap<>();
    for (List<AssetRun> runs : result.runs().values()) {
      for (AssetRun r : runs) {
        borrowed.merge(r.symbol(), r.borrowedQuote(), Double::sum);
      }
    }
    AssetHistory best = null;
    double most = -1;
    for (AssetHistory h : histories) {
      double b = borrowed.getOrDefault(h.symbol(), -1.0);
      if (result.windows().containsKey(h.symbol()) && b > most) {
        best = h;
        most = b;
      }
    }
    return best;
  }

  /**
   * The policies drawn: the governed adaptive one ("ml" when run, else the first of kind adaptive
   * that is not an ablation), the grid point nearest to its pooled LTV, and {@code
   * static-per-asset}; the first policy when none of them was run.
   */
  static List<PolicyRun> shown(List<PolicyMetrics> pooled, Backtest.Result result) {
    PolicyRun adaptive = null;
    PolicyRun perAsset = null;
    for (PolicyRun p : result.policies()) {
      boolean governed = p.kind().equals("adaptive") && !p.name().endsWith("-ungoverned");
      if (governed && (adaptive == null || p.name().equals("ml"))) {
        adaptive = p;
      }
      if (p.name().equals("static-per-asset")) {
        perAsset = p;
      }
    }
    List<PolicyRun> out = new ArrayList<>();
    if (adaptive != null) {
      out.add(adaptive);
      PolicyRun nearest = nearestGridPoint(pooled, result, adaptive.name());
      if (nearest != null) {
        out.add(nearest);
      }
    }
    if (perAsset != null) {
      out.add(perAsset);
    }
    if (out.isEmpty() && !result.policies().isEmpty()) {
      out.add(result.policies().get(0));
    }
    return out;
  }

  /** The grid point whose pooled time-averaged LTV is nearest to policy {@code name}'s; or null. */
  private static PolicyRun nearestGridPoint(
      List<PolicyMetrics> pooled, Backtest.Result result, String name) {
    double target = Double.NaN;
    for (PolicyMetrics m : pooled) {
      if (m.policy().equals(name)) {
        target = m.timeAvgLtv();
      }
    }
    String best = null;
    double distance = Double.POSITIVE_INFINITY;
    for (PolicyMetrics m : pooled) {
      double d = Math.abs(m.timeAvgLtv() - target);
      if (BacktestFindings.isGridPoint(m) && d < distance) {
        best = m.policy();
        distance = d;
      }
    }
    for (PolicyRun p : result.policies()) {
      if (p.name().equals(best)) {
        return p;
      }
    }
    return null;
  }

  private static ChartSpec ltChart(AssetHistory h, List<PolicyRun> shown, int from, int to, int y) {
    BarSeries bars = h.series();
    int n = to - from;
    int step = Math.max(1, n / MAX_POINTS);
    long[] t = new long[n];
    double[] price = new double[n];
    for (int i = 0; i < n; i++) {
      // at the bar's close: the close price, and the LT set then (in force from that instant)
      t[i] = bars.openTimeMs(from + i) + HOUR_MS;
      price[i] = bars.close(from + i);
    }
    ChartSpec.Builder c =
        ChartSpec.overTime(h.symbol() + " " + y + ": LT against price")
            .xAxisTitle("UTC")
            .yAxisTitle("LT (%)")
            .secondYAxis("price");
    for (int k = 0; k < shown.size(); k++) {
      PolicyRun p = shown.get(k);
      ThresholdSchedule s = p.schedules().get(h.symbol());
      double[] lt = new double[n];
      for (int i = 0; i < n; i++) {
        lt[i] = s == null ? Double.NaN : 100 * s.lt(from + i);
      }
      c.add(
          ChartSeries.overTime("LT " + p.name(), t, lt, Style.LINE, step)
              .withColour(COLOURS.get(k % COLOURS.size())));
    }
    c.add(
        ChartSeries.overTime("price", t, price, Style.LINE, step)
            .withColour(PRICE)
            .onSecondYAxis());
    return c.build();
  }

  private static ChartSpec liquidationChart(
      AssetHistory h,
      List<PolicyRun> shown,
      Backtest.Result result,
      long startMs,
      long endMs,
      int y) {
    int days = (int) ((endMs - startMs) / DAY_MS);
    long[] t = new long[days];
    for (int d = 0; d < days; d++) {
      t[d] = startMs + d * DAY_MS;
    }
    ChartSpec.Builder c =
        ChartSpec.overTime(h.symbol() + " " + y + ": liquidations per day, all seeds")
            .xAxisTitle("UTC")
            .yAxisTitle("liquidations")
            .size(ChartSpec.TIME_WIDTH_PX, BARS_HEIGHT_PX);
    for (int k = 0; k < shown.size(); k++) {
      PolicyRun p = shown.get(k);
      double[] count = new double[days];
      for (AssetRun r : result.runs().get(p.name())) {
        if (!r.symbol().equals(h.symbol())) {
          continue;
        }
        long day0 = Math.floorDiv(r.startMs(), DAY_MS) * DAY_MS;
        for (int i = 0; i < r.daily().days(); i++) {
          long d = (day0 + i * DAY_MS - startMs) / DAY_MS;
          if (day0 + i * DAY_MS >= startMs && d < days) {
            count[(int) d] += r.daily().liquidations(i);
          }
        }
      }
      Rgba colour = COLOURS.get(k % COLOURS.size());
      c.add(
          ChartSeries.overTime("liquidations " + p.name(), t, count, Style.STEP_AREA)
              .withColour(new Rgba(colour.red(), colour.green(), colour.blue(), BAR_ALPHA)));
    }
    return c.build();
  }

  private static int year(long epochMs) {
    return Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).getYear();
  }
}

package io.liqopt.backtest;

import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import io.liqopt.report.ChartSeries;
import io.liqopt.report.ChartSeries.Style;
import io.liqopt.report.ChartSpec;
import io.liqopt.report.RunReport;
import io.liqopt.report.page.Chart;
import io.liqopt.report.page.TablePage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The page of {@code optimize --simulated-histories}: a row per history, the pooled figures. */
public final class HistoriesPage {
  private HistoriesPage() {}

  /** The simulation method, in a sentence (metrics.json and the page). */
  static String method(int blockHours) {
    return "Joint filtered historical simulation of whole histories: each asset's hourly returns"
        + " get a GARCH(1,1)-t, whose σ standardises every bar's open, high, low and close against"
        + " the previous close; a history is drawn in blocks of "
        + blockHours
        + " consecutive historical hours (the same hours for every asset), each asset's variance"
        + " running its own GARCH recursion on the simulated returns, on the real calendar.";
  }

  /** One history's line, for the progress and the console. */
  public static String line(OptimizeHistories.Row r, int of) {
    return String.format(
        Locale.ROOT,
        "history %d/%d (seed %d): LTV %.2f %%, bad debt %.4g %% = %s of the static frontier's"
            + " (%.4g %%), liquidations %+.0f per seed; chose %s",
        r.history(),
        of,
        r.seed(),
        100 * r.ltv(),
        100 * r.badDebtShare(),
        interval(r.ratio()),
        100 * r.frontierBadDebtShare(),
        r.liquidationsPerSeedDifference(),
        r.recommended());
  }

  /** The page, with its chart. */
  static Path write(RunReport report, OptimizeHistories.Metrics m, String budget)
      throws IOException {
    OptimizeHistories.Pooled p = m.pooled();
    List<String> lead =
        List.of(
            m.method(),
            String.format(
                Locale.ROOT,
                "On %d simulated histories, the optimised policy's bad debt is %s of the static"
                    + " frontier's at the same time-averaged LTV, pooled (Σ bad debt per borrowed"
                    + " over the histories / Σ the frontier's; 95 %% interval from resampling the"
                    + " histories: [%s, %s]); the median history's ratio is %s, and %d of %d"
                    + " histories are not worse than the frontier. Mean LTV %.2f %% (the %s"
                    + " budget: %.2f %%).",
                m.histories(),
                percent(p.pooledRatio()),
                percent(p.pooledLower()),
                percent(p.pooledUpper()),
                percent(p.medianRatio()),
                p.historiesNotWorse(),
                m.histories(),
                100 * p.meanLtv(),
                budget,
                100 * p.meanBudgetLtv()));
    List<List<String>> rows = new ArrayList<>();
    for (OptimizeHistories.Row r : m.rows()) {
      rows.add(
          List.of(
              Integer.toString(r.history()),
              Long.toString(r.seed()),
              r.recommended(),
              String.format(Locale.ROOT, "%.2f %%", 100 * r.ltv()),
              String.format(Locale.ROOT, "%.4g %%", 100 * r.badDebtShare()),
              String.format(Locale.ROOT, "%.4g %%", 100 * r.frontierBadDebtShare()),
              interval(r.ratio()),
              String.format(Locale.ROOT, "%+.0f", r.liquidationsPerSeedDifference()),
              String.format(
                  Locale.ROOT,
                  "%.2f %% / %.4g %%",
                  100 * r.budgetLtv(),
                  100 * r.budgetBadDebtShare()),
              r.report()));
    }
    List<String> notes =
        List.of(
            "Each history's own report (linked path) has its decisions, the evaluation against"
                + " every static family and its intervals. Its episode windows are calendar"
                + " windows of a simulated history, not the real events.",
            "What the simulation assumes: volatility follows each asset's fitted GARCH(1,1)"
                + " exactly, so volatility forecasts are closer to right here than on the real"
                + " history; read these figures beside the real history's, never alone.");
    String chart = report.writeChart("histories", chart(m));
    return report.writePage(
        new TablePage(
            "Optimize over " + m.histories() + " simulated histories",
            lead,
            List.of(
                "history",
                "seed",
                "chosen on all of it",
                "LTV",
                "bad debt / borrowed",
                "static frontier's at that LTV",
                "ratio [95 % paired day-block]",
                "Δ liquidations per seed",
                budget + ": LTV / bad debt",
                "report"),
            rows,
            notes,
            List.of(new Chart(chart, "bad-debt ratio per history"))));
  }

  /** Each history's ratio with its interval, and the pooled ratio. */
  private static ChartSpec chart(OptimizeHistories.Metrics m) {
    ChartSpec.Builder c =
        ChartSpec.numeric("Bad debt against the static frontier at equal LTV, per history")
            .xAxisTitle("history")
            .yAxisTitle("ratio (log; 1 = the frontier)")
            .logY();
    int n = m.rows().size();
    double[] x = new double[n];
    double[] est = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      Interval r = m.rows().get(i).ratio();
      x[i] = m.rows().get(i).history();
      est[i] = drawable(r.estimate());
      lo[i] = drawable(r.lower());
      hi[i] = drawable(r.upper());
    }
    c.add(ChartSeries.of("ratio", x, est, Style.SCATTER));
    c.add(ChartSeries.of("2.5 %", x, lo, Style.MARKERS));
    c.add(ChartSeries.of("97.5 %", x, hi, Style.MARKERS));
    double[] ends = {0.5, n + 0.5};
    double pooled = drawable(m.pooled().pooledRatio());
    c.add(ChartSeries.of("pooled", ends, new double[] {pooled, pooled}, Style.LINE));
    c.add(ChartSeries.of("frontier (1)", ends, new double[] {1, 1}, Style.LINE));
    return c.build();
  }

  /** A ratio on a log axis: zero and infinity clipped to 1e-3 and 1e3, NaN drawn at 1e-3. */
  private static double drawable(double r) {
    return Double.isFinite(r) ? Math.min(1e3, Math.max(1e-3, r)) : r > 0 ? 1e3 : 1e-3;
  }

  private static String interval(Interval r) {
    return percent(r.estimate()) + " [" + percent(r.lower()) + ", " + percent(r.upper()) + "]";
  }

  /** A ratio as a whole percentage; ∞ and n/a spelt out. */
  public static String percent(double r) {
    if (Double.isNaN(r)) {
      return "n/a";
    }
    return Double.isInfinite(r) ? "∞" : String.format(Locale.ROOT, "%.0f %%", 100 * r);
  }
}

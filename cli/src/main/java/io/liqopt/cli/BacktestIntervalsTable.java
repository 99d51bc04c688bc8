package io.liqopt.cli;

import io.liqopt.backtest.Bootstrap;
import io.liqopt.backtest.BootstrapFamilies;
import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import io.liqopt.report.page.BacktestPage.Range;
import java.io.PrintWriter;
import java.util.Locale;

/** The backtest's bootstrap intervals as printed after the policy table. */
final class BacktestIntervalsTable {
  private BacktestIntervalsTable() {}

  /** The bootstrap intervals: every policy's figures, and the paired frontier comparisons. */
  static void print(PrintWriter out, Bootstrap.Result r) {
    out.printf(
        Locale.ROOT,
        "%n%.0f %% intervals, %s; %d resamples, seed %d.%nFrontier: %s.%n",
        100 * r.level(),
        r.method(),
        r.resamples(),
        r.seed(),
        r.frontierRule());
    out.printf(
        "%-20s %-22s %-28s %-24s %-24s%n",
        "policy", "avg LTV %", "bad debt/bor %", "liq/seed", "penalty/bor %");
    for (Bootstrap.PolicyIntervals p : r.policies()) {
      out.printf(
          "%-20s %-22s %-28s %-24s %-24s%n",
          p.policy(),
          range("%.2f", 100, p.timeAvgLtv()),
          range("%.3g", 100, p.badDebtShare()),
          range("%.0f", 1, p.liquidationsPerSeed()),
          range("%.3g", 100, p.penaltyShare()));
    }
    out.printf(
        "%n%-20s %-24s %-34s %-8s %-26s %-30s %s%n",
        "vs static frontier",
        "bad debt / frontier's %",
        "bad debt − frontier's, % of bor",
        "≤ in %",
        "liq/seed − frontier's",
        "penalty/bor − frontier's %",
        "paired resamples");
    for (Bootstrap.PolicyIntervals p : r.policies()) {
      Bootstrap.FrontierComparison c = p.vsFrontier();
      if (c != null) {
        out.printf(
            Locale.ROOT,
            "%-20s %-24s %-34s %-8.1f %-26s %-30s %d%n",
            p.policy(),
            range("%.0f", 100, c.badDebtRatio()),
            range("%.2g", 100, c.badDebtShareDifference()),
            100 * c.shareNotWorse(),
            range("%.0f", 1, c.liquidationsPerSeedDifference()),
            range("%.3g", 100, c.penaltyShareDifference()),
            c.badDebtRatio().resamples());
      }
    }
    if (r.families() != null) {
      printFamilies(out, r.families());
    }
  }

  /** Each family against the static frontier, curve to curve, a row per LTV level. */
  static void printFamilies(PrintWriter out, BootstrapFamilies.Result f) {
    out.printf("%nFamilies against the static frontier, curve to curve: %s.%n", f.rule());
    for (BootstrapFamilies.Family family : f.families()) {
      out.printf(
          "%nfamily %s (%s)%n%-9s %-26s %-26s %-24s %-30s %s%n",
          family.family(),
          String.join(", ", family.policies()),
          "avg LTV",
          "bad debt / frontier's %",
          "LTV gain, points",
          "liq/seed − frontier's",
          "penalty/bor − frontier's %",
          "resamples (both, gain)");
      for (BootstrapFamilies.Level l : family.levels()) {
        out.printf(
            Locale.ROOT,
            "%-9s %-26s %-26s %-24s %-30s %d, %d%n",
            String.format(Locale.ROOT, "%.0f %%", 100 * l.ltv()),
            range("%.0f", 100, l.badDebtRatio()),
            range("%.2f", 100, l.ltvGain()),
            range("%.0f", 1, l.liquidationsPerSeedDifference()),
            range("%.3g", 100, l.penaltyShareDifference()),
            l.resamples(),
            l.ltvGain().resamples());
      }
    }
  }

  /** "estimate [lower, upper]" times {@code scale}, as the report writes it ({@link Range}). */
  private static String range(String pattern, double scale, Interval i) {
    return new Range(i.estimate(), i.lower(), i.upper()).format(pattern, scale);
  }
}

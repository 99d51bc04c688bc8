package io.liqopt.backtest;

import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import io.liqopt.report.page.BacktestPage;
import io.liqopt.report.page.BacktestPage.Range;
import java.util.ArrayList;
import java.util.List;

/** The report page's view of the {@link Bootstrap} intervals. */
final class BootstrapRows {
  private BootstrapRows() {}

  static BacktestPage.Intervals of(Bootstrap.Result r) {
    List<BacktestPage.IntervalRow> rows = new ArrayList<>();
    for (Bootstrap.PolicyIntervals p : r.policies()) {
      Bootstrap.FrontierComparison c = p.vsFrontier();
      rows.add(
          new BacktestPage.IntervalRow(
              p.policy(),
              range(p.badDebtShare()),
              range(p.timeAvgLtv()),
              range(p.liquidationsPerSeed()),
              range(p.penaltyShare()),
              c == null ? Range.NONE : range(c.badDebtRatio()),
              c == null ? Range.NONE : range(c.badDebtShareDifference()),
              c == null ? Double.NaN : c.shareNotWorse(),
              c == null ? Range.NONE : range(c.liquidationsPerSeedDifference()),
              c == null ? Range.NONE : range(c.penaltyShareDifference()),
              c == null ? 0 : c.badDebtRatio().resamples()));
    }
    BootstrapFamilies.Result f = r.families();
    List<BacktestPage.FamilyTable> families = new ArrayList<>();
    if (f != null) {
      for (BootstrapFamilies.Family family : f.families()) {
        List<BacktestPage.FamilyRow> levels = new ArrayList<>();
        for (BootstrapFamilies.Level l : family.levels()) {
          levels.add(
              new BacktestPage.FamilyRow(
                  l.ltv(),
                  range(l.badDebtRatio()),
                  range(l.ltvGain()),
                  range(l.liquidationsPerSeedDifference()),
                  range(l.penaltyShareDifference()),
                  l.resamples(),
                  l.ltvGain().resamples()));
        }
        families.add(new BacktestPage.FamilyTable(family.family(), family.policies(), levels));
      }
    }
    return new BacktestPage.Intervals(
        r.method(),
        r.frontierRule(),
        r.level(),
        r.resamples(),
        rows,
        f == null ? "" : f.rule(),
        families);
  }

  private static Range range(Interval i) {
    return new Range(i.estimate(), i.lower(), i.upper());
  }
}

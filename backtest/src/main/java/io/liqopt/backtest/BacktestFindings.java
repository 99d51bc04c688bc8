package io.liqopt.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The backtest's plain-language findings and the static frontier they compare against (the grid's
 * points, sorted by time-averaged LTV, linearly interpolated).
 */
final class BacktestFindings {
  private BacktestFindings() {}

  /**
   * Plain-language findings: each adaptive policy against the static rule of the same capital
   * efficiency (interpolated on the static frontier), the governor's effect, the oracle's bound.
   */
  static List<String> findings(List<PolicyMetrics> pooled) {
    List<PolicyMetrics> statics = new ArrayList<>();
    for (PolicyMetrics m : pooled) {
      if (isGridPoint(m) && Double.isFinite(m.timeAvgLtv())) {
        statics.add(m);
      }
    }
    statics.sort((a, b) -> Double.compare(a.timeAvgLtv(), b.timeAvgLtv()));
    List<String> out = new ArrayList<>();
    for (PolicyMetrics m : pooled) {
      // presets pay their own bonus, the bonus experiment varies it: neither is like-for-like
      if (isGridPoint(m) || m.kind().equals("preset") || m.kind().equals("bonus")) {
        continue;
      }
      double frontier = frontierBadDebt(statics, m.timeAvgLtv());
      if (Double.isNaN(frontier)) {
        out.add(
            String.format(
                Locale.ROOT,
                "%s: time-averaged LTV %.1f %% lies outside the static grid's range, so there is no"
                    + " static rule of the same capital efficiency to compare with.",
                m.policy(),
                100 * m.timeAvgLtv()));
        continue;
      }
      String verdict = m.badDebtShare() <= frontier ? "less" : "MORE";
      double liqFrontier = frontierLiquidations(statics, m.timeAvgLtv());
      out.add(
          String.format(
              Locale.ROOT,
              "%s: at a time-averaged LTV of %.1f %%, bad debt %.3g %% of borrowed volume against"
                  + " %.3g %% for a static rule of the same LTV (frontier, interpolated): %s bad"
                  + " debt (%s of the static figure); %.0f liquidations per run against %.0f;"
                  + " largest one-day LT change %.1f points; %.0f positions per run made"
                  + " liquidatable by a threshold change alone.",
              m.policy(),
              100 * m.timeAvgLtv(),
              100 * m.badDebtShare(),
              100 * frontier,
              verdict,
              frontier > 0
                  ? String.format(Locale.ROOT, "%.0f %%", 100 * m.badDebtShare() / frontier)
                  : "n/a",
              m.liquidationsPerSeed(),
              liqFrontier,
              100 * m.largestDailyLtChange(),
              m.parameterInducedPerSeed()));
    }
    for (PolicyMetrics g : pooled) {
      for (PolicyMetrics u : pooled) {
        if (u.policy().equals(g.policy() + "-ungoverned")) {
          out.add(
              String.format(
                  Locale.ROOT,
                  "The governor (%s vs %s): largest one-day LT change %.1f vs %.1f points;"
                      + " parameter-induced liquidatable positions %.0f vs %.0f;"
                      + " liquidations %.0f vs %.0f; bad debt %.3g %% vs %.3g %%.",
                  g.policy(),
                  u.policy(),
                  100 * g.largestDailyLtChange(),
                  100 * u.largestDailyLtChange(),
                  g.parameterInducedPerSeed(),
                  u.parameterInducedPerSeed(),
                  g.liquidationsPerSeed(),
                  u.liquidationsPerSeed(),
                  100 * g.badDebtShare(),
                  100 * u.badDebtShare()));
        }
      }
    }
    return out;
  }

  /** Whether {@code m} is a point of the static LT grid (the frontier). */
  static boolean isGridPoint(PolicyMetrics m) {
    return isGridPoint(m.kind(), m.policy());
  }

  /** Whether the policy {@code name} of {@code kind} is a point of the static LT grid. */
  static boolean isGridPoint(String kind, String name) {
    return kind.equals("static") && name.matches("static-\\d+");
  }

  /** Liquidations per seed of the static frontier at {@code ltv}, interpolated; NaN outside. */
  static double frontierLiquidations(List<PolicyMetrics> sortedStatics, double ltv) {
    return onFrontier(sortedStatics, ltv, PolicyMetrics::liquidationsPerSeed);
  }

  /** Bad debt of the static frontier at {@code ltv}, linearly interpolated; NaN outside. */
  static double frontierBadDebt(List<PolicyMetrics> sortedStatics, double ltv) {
    return onFrontier(sortedStatics, ltv, PolicyMetrics::badDebtShare);
  }

  /**
   * A figure of the static rules (sorted by time-averaged LTV) linearly interpolated at {@code
   * ltv}; NaN outside their range.
   */
  static double onFrontier(
      List<PolicyMetrics> sortedStatics,
      double ltv,
      java.util.function.ToDoubleFunction<PolicyMetrics> figure) {
    double[] x = new double[sortedStatics.size()];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = sortedStatics.get(i).timeAvgLtv();
      y[i] = figure.applyAsDouble(sortedStatics.get(i));
    }
    return Polyline.at(x, y, ltv);
  }
}

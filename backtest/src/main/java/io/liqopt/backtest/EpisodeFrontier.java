package io.liqopt.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A policy in each stress episode against the static frontier at the policy's whole-span
 * time-averaged LTV: the grid points' bad debt and liquidations in the episode, linearly
 * interpolated in their whole-span LTV (the capital efficiency the rules were chosen for, not the
 * LTV during the crash). Zero bad debt interpolates as zero; the ratio is 1 when both are zero and
 * +∞ when only the frontier's is ({@link BootstrapFrontier#ratio}).
 */
public final class EpisodeFrontier {
  private EpisodeFrontier() {}

  /**
   * One episode.
   *
   * @param ratio the policy's bad debt over the frontier's (NaN outside the grid's LTV range)
   */
  public record Row(
      String episode,
      double badDebtQuote,
      double frontierBadDebtQuote,
      double ratio,
      double liquidations,
      double frontierLiquidations) {}

  /** The rows of {@code policy} for every episode in {@code s} (none when it is not there). */
  static List<Row> of(BacktestReport.Summary s, String policy) {
    PolicyMetrics p = null;
    List<PolicyMetrics> grid = new ArrayList<>();
    for (PolicyMetrics m : s.pooled()) {
      if (m.policy().equals(policy)) {
        p = m;
      } else if (BacktestFindings.isGridPoint(m) && Double.isFinite(m.timeAvgLtv())) {
        grid.add(m);
      }
    }
    List<Row> out = new ArrayList<>();
    if (p == null) {
      return out;
    }
    grid.sort(Comparator.comparingDouble(PolicyMetrics::timeAvgLtv));
    List<String> episodes = new ArrayList<>();
    for (PolicyMetrics.EpisodeMetrics e : s.episodes()) {
      if (!episodes.contains(e.episode())) {
        episodes.add(e.episode());
      }
    }
    for (String e : episodes) {
      PolicyMetrics.EpisodeMetrics mine = find(s, e, policy);
      double[] bad = new double[grid.size()];
      double[] liq = new double[grid.size()];
      double[] ltv = new double[grid.size()];
      for (int i = 0; i < grid.size(); i++) {
        PolicyMetrics.EpisodeMetrics g = find(s, e, grid.get(i).policy());
        ltv[i] = grid.get(i).timeAvgLtv();
        bad[i] = g == null ? 0 : g.badDebtQuote();
        liq[i] = g == null ? 0 : g.liquidations();
      }
      double fb = Polyline.at(ltv, bad, p.timeAvgLtv());
      double fl = Polyline.at(ltv, liq, p.timeAvgLtv());
      double b = mine == null ? 0 : mine.badDebtQuote();
      out.add(
          new Row(
              e,
              b,
              fb,
              Double.isNaN(fb) ? Double.NaN : BootstrapFrontier.ratio(b, fb),
              mine == null ? 0 : mine.liquidations(),
              fl));
    }
    return out;
  }

  /** The rows as sentences for a report's findings. */
  public static List<String> sentences(String policy, List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          String.format(
              Locale.ROOT,
              "%s, %s: bad debt %.4g against %.4g for the static frontier at the same whole-span"
                  + " LTV (%s); %.0f liquidations against %.0f.",
              r.episode(),
              policy,
              r.badDebtQuote(),
              r.frontierBadDebtQuote(),
              Double.isNaN(r.ratio())
                  ? "outside the grid's range"
                  : String.format(Locale.ROOT, "%.0f %%", 100 * r.ratio()),
              r.liquidations(),
              r.frontierLiquidations()));
    }
    return out;
  }

  private static PolicyMetrics.EpisodeMetrics find(
      BacktestReport.Summary s, String episode, String policy) {
    for (PolicyMetrics.EpisodeMetrics e : s.episodes()) {
      if (e.episode().equals(episode) && e.policy().equals(policy)) {
        return e;
      }
    }
    return null;
  }
}

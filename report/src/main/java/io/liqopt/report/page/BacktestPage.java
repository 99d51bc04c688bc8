package io.liqopt.report.page;

import java.util.List;

/**
 * The backtest page: findings, the frontier chart, the policy tables (pooled and per asset), the
 * stress episodes, LT against price per asset and the policies' descriptions.
 *
 * @param title the page's title
 * @param findings plain-language findings, one per item
 * @param frontier the frontier chart
 * @param searchCharts the optimiser's search (empty: no section; the backtest has none)
 * @param pooled the policy table over all assets: the thresholds experiment (every policy under one
 *     incentive rule)
 * @param presets the venue presets with their own bonus, over all assets (empty: no section)
 * @param bonusExperiment the bonus rules at one static LT, over all assets (empty: no section)
 * @param perAsset the policy table of each asset
 * @param episodes the stress episodes' rows (empty: no section)
 * @param intervals the day-block bootstrap intervals (null: no section)
 * @param ltCharts LT against price and the liquidations per day, a year at a time
 * @param policies every policy's name, kind and description
 * @param positionHours position-hours simulated
 * @param simulationSeconds how long the simulation took
 * @param positionHoursPerSecond the throughput
 */
public record BacktestPage(
    String title,
    List<String> findings,
    Chart frontier,
    List<Chart> searchCharts,
    List<PolicyRow> pooled,
    List<PolicyRow> presets,
    List<PolicyRow> bonusExperiment,
    List<AssetTable> perAsset,
    List<EpisodeRow> episodes,
    Intervals intervals,
    List<Chart> ltCharts,
    List<PolicyNote> policies,
    long positionHours,
    double simulationSeconds,
    double positionHoursPerSecond)
    implements ReportPage {

  public BacktestPage {
    findings = List.copyOf(findings);
    searchCharts = List.copyOf(searchCharts);
    pooled = List.copyOf(pooled);
    presets = List.copyOf(presets);
    bonusExperiment = List.copyOf(bonusExperiment);
    perAsset = List.copyOf(perAsset);
    episodes = List.copyOf(episodes);
    ltCharts = List.copyOf(ltCharts);
    policies = List.copyOf(policies);
  }

  @Override
  public String template() {
    return "backtest.jte";
  }

  /** One policy's figures (shares as fractions, 0.05 = 5 %). */
  public record PolicyRow(
      String policy,
      double timeAvgLtv,
      double badDebtShare,
      double liquidationsPerSeed,
      double liquidatedShare,
      double partialShare,
      double penaltyShare,
      double largestDailyLtChange,
      int cascadeDepth,
      double cliffShare,
      double dailyBadDebtVar95,
      double dailyBadDebtEs99) {}

  /** One asset's policy table. */
  public record AssetTable(String symbol, List<PolicyRow> rows) {
    public AssetTable {
      rows = List.copyOf(rows);
    }
  }

  /** One policy in one stress episode, per seed, quote currency. */
  public record EpisodeRow(
      String episode,
      String policy,
      double badDebtQuote,
      double liquidations,
      double liquidatedQuote) {}

  /**
   * The bootstrap section: how the intervals were made, one row per policy, and one table per
   * family of policies compared with the static frontier curve to curve.
   *
   * @param method the resampling scheme, in a sentence
   * @param frontierRule the frontier interpolation rule, in a sentence
   * @param level two-sided coverage (0.95)
   * @param resamples resamples drawn
   * @param rows one per policy
   * @param familyRule the curve-to-curve rules, in a sentence ("" when there is no family)
   * @param families one per family (empty: no family section)
   */
  public record Intervals(
      String method,
      String frontierRule,
      double level,
      int resamples,
      List<IntervalRow> rows,
      String familyRule,
      List<FamilyTable> families) {
    public Intervals {
      rows = List.copyOf(rows);
      families = List.copyOf(families);
    }

    /** Without families. */
    public Intervals(
        String method, String frontierRule, double level, int resamples, List<IntervalRow> rows) {
      this(method, frontierRule, level, resamples, rows, "", List.of());
    }
  }

  /**
   * A family's curve against the static frontier's.
   *
   * @param family the family's key
   * @param policies its points
   * @param rows one per LTV level
   */
  public record FamilyTable(String family, List<String> policies, List<FamilyRow> rows) {
    public FamilyTable {
      policies = List.copyOf(policies);
      rows = List.copyOf(rows);
    }
  }

  /**
   * One LTV level of a family table.
   *
   * @param ltv the level (fraction)
   * @param badDebtRatio the family's bad debt / the frontier's at equal LTV
   * @param ltvGain the family's LTV − the frontier's at equal bad debt (fraction)
   * @param liquidationsDifference liquidations per seed, family − frontier, at equal LTV
   * @param penaltyDifference penalties per borrowed, family − frontier, at equal LTV
   * @param resamples the resamples with the level inside both curves
   * @param gainResamples the resamples with an LTV gain
   */
  public record FamilyRow(
      double ltv,
      Range badDebtRatio,
      Range ltvGain,
      Range liquidationsDifference,
      Range penaltyDifference,
      int resamples,
      int gainResamples) {}

  /**
   * One policy's intervals: each figure as {@code {estimate, lower, upper}}; the frontier
   * comparisons NaN where there is none, with the resamples they rest on.
   */
  public record IntervalRow(
      String policy,
      Range badDebtShare,
      Range timeAvgLtv,
      Range liquidationsPerSeed,
      Range penaltyShare,
      Range badDebtRatio,
      Range badDebtDifference,
      double shareNotWorse,
      Range liquidationsDifference,
      Range penaltyDifference,
      int comparedResamples) {}

  /** An estimate and its interval. */
  public record Range(double estimate, double lower, double upper) {
    /** No figure (NaN). */
    public static final Range NONE = new Range(Double.NaN, Double.NaN, Double.NaN);

    /**
     * "estimate [lower, upper]", each value times {@code scale} in {@code pattern} ({@link Fmt#f});
     * "n/a" when there is no estimate.
     */
    public String format(String pattern, double scale) {
      if (Double.isNaN(estimate)) {
        return "n/a";
      }
      return Fmt.f(pattern, scale * estimate)
          + " ["
          + Fmt.f(pattern, scale * lower)
          + ", "
          + Fmt.f(pattern, scale * upper)
          + "]";
    }
  }

  /** A policy's name, kind and description. */
  public record PolicyNote(String name, String kind, String description) {}
}

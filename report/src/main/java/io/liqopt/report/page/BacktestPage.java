package io.liqopt.report.page;

import java.util.List;

/**
 * The backtest page: findings, the frontier chart, the policy tables (pooled and per asset), the
 * stress episodes, LT against price per asset and the policies' descriptions.
 *
 * @param title the page's title
 * @param findings plain-language findings, one per item
 * @param frontier the frontier chart
 * @param pooled the policy table over all assets: the thresholds experiment (every policy under one
 *     incentive rule)
 * @param presets the venue presets with their own bonus, over all assets (empty: no section)
 * @param bonusExperiment the bonus rules at one static LT, over all assets (empty: no section)
 * @param perAsset the policy table of each asset
 * @param episodes the stress episodes' rows (empty: no section)
 * @param ltCharts LT and max LTV against price, one per asset
 * @param policies every policy's name, kind and description
 * @param positionHours position-hours simulated
 * @param simulationSeconds how long the simulation took
 * @param positionHoursPerSecond the throughput
 */
public record BacktestPage(
    String title,
    List<String> findings,
    Chart frontier,
    List<PolicyRow> pooled,
    List<PolicyRow> presets,
    List<PolicyRow> bonusExperiment,
    List<AssetTable> perAsset,
    List<EpisodeRow> episodes,
    List<Chart> ltCharts,
    List<PolicyNote> policies,
    long positionHours,
    double simulationSeconds,
    double positionHoursPerSecond)
    implements ReportPage {

  public BacktestPage {
    findings = List.copyOf(findings);
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

  /** A policy's name, kind and description. */
  public record PolicyNote(String name, String kind, String description) {}
}

package io.liqopt.core.policy;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import java.time.Instant;
import java.util.Objects;

/**
 * The one threshold pipeline that the service, the backtest, {@code thresholds} and {@code
 * simulate} all run: forecast → market snapshot ({@link MarketSnapshot#at}) → targets with their
 * reasons ({@link ThresholdCalculator}) → one step of the anti-procyclicality governor ({@link
 * ThresholdGovernor}) when the caller keeps its state. Stateless and thread-safe; the governor
 * state is the caller's.
 */
public final class ThresholdPipeline {
  /** The default calculator and governor. */
  public static final ThresholdPipeline DEFAULT =
      new ThresholdPipeline(ThresholdCalculator.DEFAULT, ThresholdGovernor.DEFAULT);

  private final ThresholdCalculator calculator;
  private final ThresholdGovernor governor;

  public ThresholdPipeline(ThresholdCalculator calculator, ThresholdGovernor governor) {
    this.calculator = Objects.requireNonNull(calculator, "calculator");
    this.governor = Objects.requireNonNull(governor, "governor");
  }

  /** Why a bar has no thresholds. */
  public enum Refusal {
    /** No snapshot: nothing traded in the 24 h before the bar (the impact model needs V_day). */
    NO_MARKET,
    /** The calculator refused the forecast (see the detail). */
    POLICY
  }

  /**
   * What the pipeline gave at one bar.
   *
   * @param market the snapshot, or null ({@link Refusal#NO_MARKET})
   * @param target the calculator's thresholds, or null when refused
   * @param step the governor's step, or null when not governed or refused
   * @param refusal why there are no thresholds, or null
   * @param detail the calculator's message for {@link Refusal#POLICY}, or null
   */
  public record Outcome(
      MarketSnapshot market,
      AssetThresholds target,
      GovernorStep step,
      Refusal refusal,
      String detail) {

    /** Whether there are no thresholds. */
    public boolean refused() {
      return refusal != null;
    }

    /** The governed thresholds, or the targets when not governed (null when refused). */
    public AssetThresholds governed() {
      return step == null ? target : step.thresholds();
    }
  }

  /**
   * The targets at bar {@code row} of {@code history}, computed at the bar's close: the snapshot
   * there, then the calculator.
   */
  public Outcome target(
      AssetForecast forecast, AssetHistory history, int row, AssetRiskConfig config) {
    return atBar(forecast, history, row, config, null, false);
  }

  /** As {@link #target}, then one governor step from {@code before} (null: the first step). */
  public Outcome governed(
      AssetForecast forecast,
      AssetHistory history,
      int row,
      AssetRiskConfig config,
      GovernorState before) {
    return atBar(forecast, history, row, config, before, true);
  }

  private Outcome atBar(
      AssetForecast forecast,
      AssetHistory history,
      int row,
      AssetRiskConfig config,
      GovernorState before,
      boolean govern) {
    MarketSnapshot market = MarketSnapshot.at(history, row);
    if (market == null) {
      return new Outcome(null, null, null, Refusal.NO_MARKET, null);
    }
    return evaluate(forecast, market, config, market.asOfEpochMs(), before, govern);
  }

  /**
   * The targets from {@code market} computed at {@code nowMs}, then, when {@code govern}, one
   * governor step from {@code before}. A forecast the calculator refuses is a {@link
   * Refusal#POLICY} outcome; the governor's own failures propagate.
   */
  public Outcome evaluate(
      AssetForecast forecast,
      MarketSnapshot market,
      AssetRiskConfig config,
      long nowMs,
      GovernorState before,
      boolean govern) {
    AssetThresholds target;
    try {
      target = calculator.compute(forecast, market, config, Instant.ofEpochMilli(nowMs));
    } catch (IllegalArgumentException e) {
      return new Outcome(market, null, null, Refusal.POLICY, e.getMessage());
    }
    GovernorStep step = govern ? governor.step(target, before, config) : null;
    return new Outcome(market, target, step, null, null);
  }
}

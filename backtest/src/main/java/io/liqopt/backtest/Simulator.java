package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.position.PositionAssessor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The event-driven simulation of one asset's lending book under one policy, hour by hour over real
 * bars (DESIGN.md, "Backtest"). Deterministic for a seed; one instance per thread.
 *
 * <p>In hour r (bar r: open O, high, low L, close C; the parameters in force are those the policy
 * set at the close of bar r − 1, from bars ≤ r − 1 only):
 *
 * <ol>
 *   <li>Prices are the historical ones times an impact multiplier m (1 without liquidation sales;
 *       permanent impact lowers it, and it decays back with a half-life).
 *   <li>Liquidators act on the positions that became liquidatable {@code latency} hours before, at
 *       the open O·m: if the position is still liquidatable, core's {@link PositionAssessor} sizes
 *       the repay and seizure (the policy's close factor, target HF, full-liquidation HF, toxic
 *       spiral), the liquidator goes ahead only if the bonus covers the expected slippage and its
 *       fixed cost (else it waits an hour), and the sale of the seized collateral moves the price
 *       by the square-root law {@code k·sqrt(q)}, of which a share stays (m falls): other positions
 *       then see the lower price — the cascade.
 *   <li>Every open position is checked: expiry (repaid, or walked away from and bad debt when
 *       underwater), a scheduled top-up, liquidatable at the intrabar low L·m ({@code C·L·m·LT <
 *       D}), a warning at the close ({@code HF < warning}) that makes the borrower react with some
 *       probability after a delay.
 *   <li>New borrowers arrive (Poisson) and open at a fraction of the max LTV set at this close.
 * </ol>
 *
 * A liquidation's generation is 0 when the position would have been liquidatable at the historical
 * low, else 1 + the generation of the liquidation sales of the same or the previous hour, whose
 * impact made it liquidatable: the cascade depth is the largest generation.
 *
 * <p>The steps are {@link SimulationRun}'s methods, the open positions a {@link Book} of columns
 * (kept from run to run), the totals a {@link RunTally}.
 */
public final class Simulator {
  private static final int LOG_RV_1W =
      io.liqopt.core.feature.FeatureCalculator.SCHEMA.indexOf("log_rv_1w");
  private static final int LOG_RV_1D =
      io.liqopt.core.feature.FeatureCalculator.SCHEMA.indexOf("log_rv_1d");

  private final SimulationConfig cfg;

  /** The book's columns, reused by every run of this simulator. */
  private final Book book = new Book();

  public Simulator(SimulationConfig cfg) {
    this.cfg = cfg;
  }

  /**
   * Runs {@code schedule} on {@code history} over rows {@code [from, to)}.
   *
   * @param risk the policy's liquidation rules (close factor, target and full-liquidation HF, dust)
   */
  public AssetRun run(
      AssetHistory history,
      ThresholdSchedule schedule,
      ResolvedPolicy risk,
      int from,
      int to,
      long seed) {
    return run(history, schedule, risk, from, to, seed, List.of());
  }

  /**
   * As above, with positions already open at the start: each {@code {quantity, debt, endRow}}
   * (tests use it to follow one position by hand).
   */
  AssetRun run(
      AssetHistory history,
      ThresholdSchedule schedule,
      ResolvedPolicy risk,
      int from,
      int to,
      long seed,
      List<double[]> initialBook) {
    book.clear();
    SimulationRun run = new SimulationRun(cfg, book, history, schedule, risk, from, to, seed);
    for (double[] p : initialBook) {
      run.open(p[0], p[1], (int) p[2]);
    }
    return run.simulate(seed);
  }

  /**
   * σ_day of the market for the impact of liquidation sales: the weekly HAR component (daily-scale
   * realised variance over the last week), the daily one while the week is not yet complete.
   */
  static double dailyVolatility(AssetHistory history, int row) {
    double logVar = history.features().value(row, LOG_RV_1W);
    if (!Double.isFinite(logVar)) {
      logVar = history.features().value(row, LOG_RV_1D);
    }
    return Math.sqrt(Math.exp(logVar));
  }

  /** Knuth's Poisson sampler (small means). */
  static int poisson(SplittableRandom rng, double mean) {
    double limit = Math.exp(-mean);
    int k = 0;
    double p = rng.nextDouble();
    while (p > limit) {
      k++;
      p *= rng.nextDouble();
    }
    return k;
  }

  static double gaussian(SplittableRandom rng) {
    // Box–Muller; one of the pair is enough here
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }
}

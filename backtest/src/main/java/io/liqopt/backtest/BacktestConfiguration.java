package io.liqopt.backtest;

import io.liqopt.core.policy.ResolvedPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the backtest was asked for (metrics.json's {@code configuration}).
 *
 * @param policies the families run
 * @param seeds the borrower and liquidator seeds
 * @param walkForward when the forecast policies were refitted
 * @param simulation the simulated borrowers and liquidators
 * @param risk the adaptive policies' risk configuration
 * @param incentive the one incentive rule of the thresholds experiment
 * @param bonusRules the rules of the bonus experiment
 * @param bonusLt the static LT the bonus experiment holds fixed
 * @param windows the simulated window of each asset
 */
public record BacktestConfiguration(
    List<String> policies,
    List<Long> seeds,
    Policies.WalkForward walkForward,
    SimulationConfig simulation,
    ResolvedPolicy risk,
    Incentive incentive,
    List<Incentive> bonusRules,
    double bonusLt,
    Map<String, Backtest.Window> windows) {
  public BacktestConfiguration {
    policies = List.copyOf(policies);
    seeds = List.copyOf(seeds);
    bonusRules = List.copyOf(bonusRules);
    windows = Collections.unmodifiableMap(new LinkedHashMap<>(windows));
  }
}

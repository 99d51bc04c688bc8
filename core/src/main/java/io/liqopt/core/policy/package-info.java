/**
 * The threshold policy: per-asset risk configuration ({@link io.liqopt.core.policy.PolicyConfig} as
 * written, {@link io.liqopt.core.policy.AssetRiskConfig} as validated), the stateless {@link
 * io.liqopt.core.policy.ThresholdCalculator} that turns a forecast into liquidation threshold, max
 * LTV and bonus, the stateful anti-procyclicality {@link io.liqopt.core.policy.ThresholdGovernor},
 * the square-root {@link io.liqopt.core.policy.SquareRootImpact} model and the oracle {@link
 * io.liqopt.core.policy.PriceGuard}.
 *
 * <p>The formulas are those of "Threshold policy" in DESIGN.md; the service and the backtest both
 * call this package so they cannot disagree. No I/O besides parsing the configuration file, no
 * wall-clock reads (time is always passed in). Units: fractions (0.05 = 5 %), hours, amounts in the
 * quote currency.
 */
package io.liqopt.core.policy;

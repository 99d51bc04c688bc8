/**
 * Forecast-evaluation metrics for the walk-forward evaluation (DESIGN.md "Forecasts"), each
 * reported beside every baseline:
 *
 * <ul>
 *   <li>volatility: {@link io.liqopt.training.metrics.VarianceLoss} (QLIKE and MSE on variance) and
 *       {@link io.liqopt.training.metrics.MincerZarnowitz} (regression R² and a Wald test of
 *       unbiasedness);
 *   <li>adverse-move quantiles: {@link io.liqopt.training.metrics.PinballLoss}, the VaR backtests
 *       of {@link io.liqopt.training.metrics.CoverageTests} (Kupiec, Christoffersen; independent
 *       hits), and for hits of overlapping windows {@link io.liqopt.training.metrics.HitRateTest}
 *       (HAC t test of the hit rate), {@link io.liqopt.training.metrics.PhaseDynamicQuantileTest}
 *       (DQ per phase with Monte Carlo p-values, combined by {@link
 *       io.liqopt.training.metrics.CauchyCombination}) and {@link
 *       io.liqopt.training.metrics.DynamicQuantileTest} (Engle–Manganelli DQ on every hour and its
 *       HAC form, asymptotic); {@link io.liqopt.training.metrics.HolmCorrection} for a family of
 *       such tests (e.g. one per asset);
 *   <li>stress probability: {@link io.liqopt.training.metrics.ClassificationScores} (AUC, Brier
 *       score and skill against climatology, reliability bins);
 *   <li>comparing two models: {@link io.liqopt.training.metrics.DieboldMariano}, with the long-run
 *       variance of {@link io.liqopt.training.metrics.NeweyWest} (Bartlett or rectangular {@link
 *       io.liqopt.training.metrics.LongRunKernel}).
 * </ul>
 *
 * <p>Calculators are stateless (static methods, or {@code VarianceLoss.DEFAULT}). Inputs are paired
 * {@code double[]}/{@code boolean[]} arrays in time order; empty, mismatched, NaN or infinite input
 * is refused with an {@link java.lang.IllegalArgumentException} naming the input. Results are
 * validated records that serialise to JSON for {@code metrics.json}; a value that is undefined for
 * the sample is {@code null}, never NaN.
 */
package io.liqopt.training.metrics;

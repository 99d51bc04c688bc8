package io.liqopt.training.walkforward;

/**
 * Holm-adjusted p-values of one model's coverage tests at one level and horizon, each family
 * adjusted across the assets of the evaluation ({@link io.liqopt.training.metrics.HolmCorrection}:
 * m is the number of assets whose test is defined). A value is null where the raw p-value is.
 *
 * @param kupiec Kupiec's POF test on one hour in H
 * @param conditionalCoverage Christoffersen's conditional-coverage test on one hour in H
 * @param hitRate the HAC hit-rate test on every hour
 * @param dynamicQuantileByPhase DQ by phase with Monte Carlo p-values (valid under overlap)
 * @param dynamicQuantile Engle and Manganelli's DQ test on every hour (asymptotic, not valid under
 *     overlap)
 * @param dynamicQuantileHac its HAC form (asymptotic, not valid under overlap)
 */
public record HolmPValues(
    Double kupiec,
    Double conditionalCoverage,
    Double hitRate,
    Double dynamicQuantileByPhase,
    Double dynamicQuantile,
    Double dynamicQuantileHac) {}

package io.liqopt.training.walkforward;

/**
 * Holm-adjusted p-values of one model's coverage tests at one level and horizon, each family
 * adjusted across the assets of the evaluation ({@link io.liqopt.training.metrics.HolmCorrection}:
 * m is the number of assets whose test is defined). A value is null where the raw p-value is.
 *
 * @param kupiec Kupiec's POF test on one hour in H
 * @param conditionalCoverage Christoffersen's conditional-coverage test on one hour in H
 * @param hitRate the HAC hit-rate test on every hour
 * @param dynamicQuantile Engle and Manganelli's DQ test on every hour
 * @param dynamicQuantileHac its HAC form
 */
public record HolmPValues(
    Double kupiec,
    Double conditionalCoverage,
    Double hitRate,
    Double dynamicQuantile,
    Double dynamicQuantileHac) {}

package io.liqopt.training.walkforward;

import io.liqopt.training.metrics.DynamicQuantileResult;
import io.liqopt.training.metrics.HitRateTestResult;

/**
 * The coverage tests of one quantile level that use every hour of a sample although the H-hour
 * windows overlap (the Kupiec and Christoffersen tests beside them use one hour in H).
 *
 * @param hitRate the hit rate and its HAC t test ({@link io.liqopt.training.metrics.HitRateTest},
 *     Bartlett lag 2H); pooled, on the share of assets hit at each hour; null when the sample has
 *     no more hours than the lag
 * @param dynamicQuantile Engle and Manganelli's DQ test and its HAC form ({@link
 *     io.liqopt.training.metrics.DynamicQuantileTest}, hit lags H..H+3, Bartlett lag 2H); null
 *     pooled (the lags are per asset) or when the sample is too short
 */
public record AllHoursCoverage(HitRateTestResult hitRate, DynamicQuantileResult dynamicQuantile) {}

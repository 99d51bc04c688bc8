package io.liqopt.training.walkforward;

import io.liqopt.training.metrics.DynamicQuantileResult;
import io.liqopt.training.metrics.HitRateTestResult;
import io.liqopt.training.metrics.PhaseDynamicQuantileResult;

/**
 * The coverage tests of one quantile level that use every hour of a sample although the H-hour
 * windows overlap (the Kupiec and Christoffersen tests beside them use one hour in H).
 *
 * @param hitRate the hit rate and its HAC t test ({@link io.liqopt.training.metrics.HitRateTest},
 *     Bartlett lag 2H); pooled, on the share of assets hit at each hour; null when the sample has
 *     no more hours than the lag
 * @param dynamicQuantileByPhase the DQ test that keeps its level under overlap ({@link
 *     io.liqopt.training.metrics.PhaseDynamicQuantileTest}: DQ in each of the H phases, hit lags H,
 *     2H, 3H, 4H, Monte Carlo p-values combined by the Cauchy combination); null pooled or when no
 *     phase is long enough
 * @param dynamicQuantile Engle and Manganelli's DQ test on every hour and its HAC form ({@link
 *     io.liqopt.training.metrics.DynamicQuantileTest}, hit lags H..H+3, Bartlett lag 2H), both
 *     asymptotic and not valid under overlap for H &gt; 1 (they reject a correct forecast far more
 *     often than their level); null pooled (the lags are per asset) or when the sample is too short
 */
public record AllHoursCoverage(
    HitRateTestResult hitRate,
    PhaseDynamicQuantileResult dynamicQuantileByPhase,
    DynamicQuantileResult dynamicQuantile) {}

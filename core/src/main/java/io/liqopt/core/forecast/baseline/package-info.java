/**
 * Estimation engines of the parametric baseline forecasters: GARCH(1,1) with Student-t innovations
 * fitted by maximum likelihood ({@link io.liqopt.core.forecast.baseline.GarchT}) and the HAR-RV
 * regression of Corsi (2009) fitted by OLS on log realised variance ({@link
 * io.liqopt.core.forecast.baseline.HarRv}).
 *
 * <p>Both work on plain arrays of one asset's (hourly) log returns or realised-variance components;
 * turning their variance forecasts into adverse-move quantiles and running them walk-forward is the
 * job of the forecasters built on top of them. Every type here is immutable and thread-safe; the
 * estimators are stateless.
 */
package io.liqopt.core.forecast.baseline;

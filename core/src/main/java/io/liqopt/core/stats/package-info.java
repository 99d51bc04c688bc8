/**
 * Sample statistics shared by every module: the one sample-quantile convention ({@link
 * io.liqopt.core.stats.Quantiles}).
 */
package io.liqopt.core.stats;

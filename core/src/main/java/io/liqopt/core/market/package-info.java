/**
 * Market data: bars, intervals, validated columnar series, gaps and summary statistics. Import,
 * storage and generation live in the sub-packages {@code io}, {@code store}, {@code synthetic} and
 * {@code binance}.
 */
package io.liqopt.core.market;

/**
 * Causal features of a bar series: the one implementation that training, backtest and serving all
 * call, so that a model sees the same numbers when it is trained and when it is used.
 *
 * <p>Every feature value at bar {@code t} depends only on bars with open time at or before that of
 * {@code t} (a property test appends arbitrary future bars and checks that nothing earlier
 * changes). Windows are measured in hours of time, not in bar counts, so a data gap shortens a
 * window rather than stretching it into the past; the return across a gap is the price change over
 * the gap.
 */
package io.liqopt.core.feature;

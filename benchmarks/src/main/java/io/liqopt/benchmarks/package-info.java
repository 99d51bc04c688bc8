/**
 * JMH benchmarks. Run with {@code bin/jmh <regex>} (see BENCHMARKS.md); every figure is recorded as
 * a ratio to a baseline measured in the same run.
 */
package io.liqopt.benchmarks;

/**
 * JMH benchmarks, run with {@code bin/jmh <regex>}, and the service load benchmark {@link
 * io.liqopt.benchmarks.ServeLoadBench}, run with {@code bin/bench-serve} (see BENCHMARKS.md); every
 * figure is recorded next to a baseline measured in the same run.
 */
package io.liqopt.benchmarks;

package io.liqopt.cli;

import io.liqopt.backtest.ForecastCache;
import io.liqopt.backtest.OptimizeSweep;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.walkforward.Forecasters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code optimize --engine spark} on the real history: one task per candidate of the sweep. A task
 * carries the command's arguments (paths made absolute) and the span; where it runs, the sweep is
 * prepared once per process from them: the options, the market read from {@code --data} and checked
 * against the driver's ({@link MarketSource}), the walk-forward forecasts read from the forecast
 * cache the driver wrote. Then {@link OptimizeSweep.Prepared#evaluate}, the code the single-JVM run
 * calls.
 */
final class OptimizeCandidateTasks {
  /** The sweeps prepared in this process, by arguments and market. */
  private static final Map<List<Object>, OptimizeSweep.Prepared> PREPARED =
      new ConcurrentHashMap<>();

  private OptimizeCandidateTasks() {}

  /**
   * The runner of the sweep's candidates on {@code engine}. {@code driver} is the sweep the driver
   * prepared: tasks that run in the driver's process (a local master) use it rather than read the
   * forecasts again.
   *
   * @param args the command's arguments, their paths made absolute
   */
  static OptimizeSweep.Runner on(
      Engine engine, List<String> args, MarketSource market, OptimizeSweep.Prepared driver) {
    PREPARED.put(List.of(args, market), driver);
    return (span, count, done) -> {
      List<Integer> inputs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        inputs.add(i);
      }
      AtomicInteger n = new AtomicInteger();
      return engine.map(
          "optimize-candidates",
          inputs,
          i -> prepared(args, market).evaluate(span, i),
          () -> done.accept(n.incrementAndGet()));
    };
  }

  /** Forgets the sweeps prepared in this process (the driver's, once its run is over). */
  static void forget() {
    PREPARED.clear();
  }

  /** The sweep prepared in this process for {@code args} over {@code market}. */
  static OptimizeSweep.Prepared prepared(List<String> args, MarketSource market) {
    return PREPARED.computeIfAbsent(
        List.of(args, market),
        k -> {
          OptimizeCommand c = TaskArgs.command(args, OptimizeCommand.class);
          try (Forecaster f =
              Forecasters.named(List.of(c.forecaster), OptimizeCommand.HS_LOOKBACK_DAYS).get(0)) {
            var o = c.options();
            List<AssetHistory> histories = market.histories();
            List<String> why = new ArrayList<>();
            return OptimizeSweep.Prepared.of(
                o,
                histories,
                ForecastCache.cached(c.cacheDir(), f, o.backtest(), histories, why::add)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "the forecast cache "
                                    + c.cacheDir()
                                    + " has no usable forecasts where the task runs"
                                    + (why.isEmpty() ? "" : " (" + why.get(0) + ")")
                                    + ": --cache must be a folder every worker sees")));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}

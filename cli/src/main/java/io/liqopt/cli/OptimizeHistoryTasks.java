package io.liqopt.cli;

import io.liqopt.backtest.OptimizeHistories;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.simulation.HistorySimulator;
import io.liqopt.store.HourlyMarket;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.walkforward.Forecasters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code optimize --simulated-histories N --engine spark}: one task per history. A task carries the
 * command's arguments (paths made absolute), the run's folder and its time, and rebuilds the rest
 * where it runs: the command's options, the market read from {@code --data} (a folder every worker
 * sees) and checked against the driver's ({@link MarketSource}), the simulator (fitted once per
 * process: the fit is deterministic, so every worker draws the driver's histories), the forecaster;
 * then {@link OptimizeHistories#history}, the code the single-JVM run calls.
 */
final class OptimizeHistoryTasks {
  /** The simulator of each market a worker was asked about, fitted once per process. */
  private static final Map<MarketSource, HistorySimulator> SIMULATORS = new ConcurrentHashMap<>();

  private OptimizeHistoryTasks() {}

  /** The series the histories are drawn for: the assets, and the market factor if not one. */
  static List<BarSeries> simulated(EvaluateCommand.Loaded loaded) {
    List<BarSeries> market = new ArrayList<>(loaded.series());
    if (market.stream().noneMatch(s -> s.symbol().equals(loaded.factor().symbol()))) {
      market.add(loaded.factor());
    }
    return market;
  }

  /**
   * The runner of a run's histories on {@code engine}; {@code done} after each history.
   *
   * @param args the command's arguments, their paths made absolute ({@link TaskArgs#absolutePaths})
   * @param market the market the driver read, as the workers must find it
   */
  static OptimizeHistories.HistoryRunner on(
      Engine engine, List<String> args, MarketSource market, Instant now, Runnable done) {
    return (tasks, runDir) -> {
      String dir = runDir.toAbsolutePath().toString(); // a Path does not serialise
      return engine.map("optimize-histories", tasks, t -> history(args, market, dir, now, t), done);
    };
  }

  /** One history where the task runs. */
  static OptimizeHistories.Row history(
      List<String> args,
      MarketSource source,
      String runDir,
      Instant now,
      OptimizeHistories.HistoryTask t)
      throws IOException {
    OptimizeCommand c = TaskArgs.command(args, OptimizeCommand.class);
    HourlyMarket m = source.market();
    EvaluateCommand.Loaded loaded = new EvaluateCommand.Loaded(m.names(), m.series(), m.factor());
    HistorySimulator sim =
        SIMULATORS.computeIfAbsent(source, k -> HistorySimulator.fit(simulated(loaded)));
    return OptimizeHistories.history(
        t,
        new OptimizeHistories.Options(
            c.options(), c.simulatedHistories, c.historyBlockHours, c.historySeed),
        sim,
        loaded.series().stream().map(BarSeries::symbol).toList(),
        loaded.factor().symbol(),
        Forecasters.named(List.of(c.forecaster), OptimizeCommand.HS_LOOKBACK_DAYS).get(0),
        c.cacheDir(),
        Path.of(runDir),
        now);
  }
}

package io.liqopt.benchmarks;

import io.liqopt.backtest.AssetRun;
import io.liqopt.backtest.PolicyRun;
import io.liqopt.backtest.SimulationConfig;
import io.liqopt.backtest.Simulator;
import io.liqopt.backtest.StaticPolicies;
import io.liqopt.backtest.ThresholdSchedule;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.importer.BarImporter;
import io.liqopt.store.importer.ImportOptions;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The backtest's simulation speed: one static rule (LT 80 %) on BTCUSDT's whole hourly history (5.5
 * years of {@code ../shared/data}, or 5 synthetic years without it), the default borrower
 * population, one seed, on one thread. {@code simulateStatic} is the whole simulation (arrivals,
 * the liquidation check of every open position every hour, warnings, top-ups, liquidations through
 * core's PositionAssessor, impact); {@code bareBookScan} is the same number of position-hours of
 * the cheapest possible work (one multiply-compare per position per hour over primitive arrays),
 * the same-run baseline. Setup prints the position-hours per operation, so that position-hours per
 * second = that / the time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BacktestBench {
  AssetHistory history;
  ThresholdSchedule schedule;
  PolicyRun policy;
  long positionHours;
  int openPositions;
  double[] qty;
  double[] debt;
  double[] low;

  @Setup
  public void setUp() throws IOException {
    Path btc =
        Path.of(System.getProperty("liqopt.sharedData", "../shared/data"))
            .resolve("BTCUSDT_1h.csv.gz");
    BarSeries s =
        Files.isRegularFile(btc)
            ? BarImporter.DEFAULT.read(btc, ImportOptions.DEFAULT).series()
            : SyntheticMarketGenerator.DEFAULT
                .generate(SyntheticMarketConfig.defaults(1, 5, 1))
                .get(0);
    history = AssetHistory.of(s, s);
    policy =
        StaticPolicies.staticRule("static-80", "", 0.80, 0.75, 0.05, 0.5, 0.95, List.of(history));
    schedule = policy.schedules().get(s.symbol());
    AssetRun r = simulateStatic();
    positionHours = r.positionHours();
    openPositions = (int) Math.max(1, positionHours / (s.size() - 24 * 8));
    qty = new double[openPositions];
    debt = new double[openPositions];
    low = new double[s.size()];
    for (int i = 0; i < openPositions; i++) {
      qty[i] = 1 + i % 7;
      debt[i] = 0.5 * qty[i] * s.close(s.size() / 2);
    }
    for (int i = 0; i < s.size(); i++) {
      low[i] = s.low(i);
    }
    System.err.printf(
        "BacktestBench: %s, %d bars, %d position-hours per run (%d liquidations), "
            + "bare scan %d positions x %d hours%n",
        s.symbol(), s.size(), positionHours, r.liquidations(), openPositions, s.size() - 24 * 8);
  }

  @Benchmark
  public AssetRun simulateStatic() {
    return new Simulator(SimulationConfig.defaults())
        .run(history, schedule, policy.risk(), 24 * 8, history.size(), 42);
  }

  @Benchmark
  public int bareBookScan() {
    int flagged = 0;
    for (int r = 24 * 8; r < low.length; r++) {
      double l = low[r] * 0.8;
      for (int i = 0; i < openPositions; i++) {
        if (qty[i] * l < debt[i]) {
          flagged++;
        }
      }
    }
    return flagged;
  }
}

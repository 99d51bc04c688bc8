package io.liqopt.benchmarks;

import io.liqopt.core.market.BarSeries;
import io.liqopt.core.simulation.PathEngine;
import io.liqopt.core.simulation.Paths;
import io.liqopt.core.simulation.Residuals;
import io.liqopt.store.importer.BarImporter;
import io.liqopt.store.importer.ImportOptions;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The path engine: {@code PathEngine.simulate} of 100 000 paths × 24 hours of one asset (24 h
 * bootstrap blocks of the standardised residuals of BTCUSDT in {@code ../shared/data}, or of 5
 * synthetic years without it), target well under a second. {@code fillTwoArrays} is the same-run
 * baseline: the two path arrays of the same size (log close, log low) allocated and filled with one
 * {@link SplittableRandom} draw per element on one thread, the least any engine must do, so the
 * figure is also a ratio. The engine splits its paths across the cores; the baseline does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PathBench {
  static final int PATHS = 100_000;
  static final int HOURS = 24;

  Residuals residuals;
  double[] hourlyVolatility;
  long seed;

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
    residuals = Residuals.of(List.of(s));
    hourlyVolatility = new double[] {0.006};
    System.err.printf(
        "PathBench: %s, %d hours of residuals, %d paths x %d hours, %d cores%n",
        s.symbol(), residuals.size(), PATHS, HOURS, Runtime.getRuntime().availableProcessors());
  }

  @Benchmark
  public Paths simulate() {
    return PathEngine.simulate(residuals, hourlyVolatility, PATHS, HOURS, 24, ++seed);
  }

  @Benchmark
  public double[][] fillTwoArrays() {
    SplittableRandom rng = new SplittableRandom(++seed);
    double[] close = new double[PATHS * HOURS];
    double[] low = new double[PATHS * HOURS];
    for (int i = 0; i < close.length; i++) {
      close[i] = rng.nextDouble();
    }
    for (int i = 0; i < low.length; i++) {
      low[i] = rng.nextDouble();
    }
    return new double[][] {close, low};
  }
}

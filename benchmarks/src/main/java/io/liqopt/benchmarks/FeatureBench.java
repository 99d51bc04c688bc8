package io.liqopt.benchmarks;

import io.liqopt.core.feature.FeatureCalculator;
import io.liqopt.core.feature.FeatureMatrix;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.importer.BarImporter;
import io.liqopt.store.importer.ImportOptions;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * All features of every hourly series of {@code ../shared/data} (8 assets × 5.5 years, 385 k bars;
 * a synthetic 8 × 5 years market when the shared data is absent), against a baseline measured in
 * the same run: one pass computing the squared log return of every bar, the cheapest thing any
 * feature must do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeatureBench {
  List<BarSeries> market;
  BarSeries factor;

  @Setup
  public void load() throws IOException {
    Path shared = Path.of(System.getProperty("liqopt.sharedData", "../shared/data"));
    market = new ArrayList<>();
    if (Files.isDirectory(shared)) {
      try (Stream<Path> files = Files.list(shared)) {
        for (Path p :
            files
                .filter(f -> f.getFileName().toString().endsWith("_1h.csv.gz"))
                .sorted()
                .toList()) {
          market.add(BarImporter.DEFAULT.read(p, ImportOptions.DEFAULT).series());
        }
      }
    }
    if (market.isEmpty()) {
      market = SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(8, 5, 1));
    }
    factor =
        market.stream().filter(s -> s.symbol().contains("BTC")).findFirst().orElse(market.get(0));
    System.err.printf(
        "FeatureBench: %d series, %d bars%n",
        market.size(), market.stream().mapToInt(BarSeries::size).sum());
  }

  @Benchmark
  public double allFeatures() {
    double sink = 0;
    for (BarSeries s : market) {
      FeatureMatrix f = FeatureCalculator.DEFAULT.compute(s, factor);
      sink += f.value(f.rows() - 1, 0);
    }
    return sink;
  }

  @Benchmark
  public double baselineSquaredReturns() {
    double sink = 0;
    for (BarSeries s : market) {
      double[] c = s.closes();
      double[] r2 = new double[c.length];
      for (int i = 1; i < c.length; i++) {
        double r = Math.log(c[i] / c[i - 1]);
        r2[i] = r * r;
      }
      sink += r2[c.length - 1];
    }
    return sink;
  }
}

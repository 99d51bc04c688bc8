package io.liqopt.serving.wal;

import static io.liqopt.serving.wal.Batches.assertSameBatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Random batches come back from the log bit for bit, whether sealed or still active. */
class BarLogPropertiesTest {

  @Test
  void replay_randomBatches_roundTripExactly() {
    // each example writes and reopens a log on disk: a failure is shrunk for a bounded while
    qt().withExamples(40)
        .withFixedSeed(27L)
        .withShrinkCycles(200)
        .forAll(lists().of(batch()).ofSizeBetween(1, 8), integers().between(0, 8))
        .checkAssert(
            (batches, sealAfter) -> {
              try {
                roundTrip(batches, sealAfter);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private static void roundTrip(List<BarSeries> batches, int sealAfter) throws IOException {
    Path dir = Files.createTempDirectory("bar-log-prop");
    try {
      try (BarLog log = BarLog.open(dir)) {
        for (int i = 0; i < batches.size(); i++) {
          if (i == sealAfter) {
            log.seal();
          }
          log.append(batches.get(i));
        }
      }
      try (BarLog log = BarLog.open(dir)) {
        BarLog.Replay r = log.replay();
        assertSameBatches(batches, r.batches());
        assertEquals(batches.stream().mapToLong(BarSeries::size).sum(), r.bars());
        assertEquals(0, r.truncatedBytes());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** One bar's values before they are placed on a grid. */
  private record BarDraw(
      int steps,
      double open,
      double close,
      double up,
      double down,
      double volume,
      double quoteVolume) {}

  private static Gen<BarSeries> batch() {
    Gen<String> symbol = arbitrary().pick("BTCUSDT", "ETH-USD", "A", "X1.Y_2");
    Gen<BarInterval> interval = arbitrary().enumValues(BarInterval.class);
    Gen<Long> startMs = longs().between(0, 4_000_000_000_000L);
    return symbol.zip(
        interval,
        startMs,
        lists().of(barDraw()).ofSizeBetween(1, 40),
        BarLogPropertiesTest::series);
  }

  private static Gen<BarDraw> barDraw() {
    Gen<Integer> steps = integers().between(1, 3);
    // exp of a fine-grained exponent: prices from 1e-8 to 1e8 using every mantissa bit
    Gen<Double> price = decimals(-18, 18, 9).map(Math::exp);
    Gen<Double> fraction = decimals(0, 0.5, 9);
    Gen<Double> volume = decimals(0, 1e12, 6);
    Gen<Double> quoteVolume =
        Generate.frequency(Pair.of(1, Generate.constant(Double.NaN)), Pair.of(3, volume));
    return in ->
        new BarDraw(
            steps.generate(in),
            price.generate(in),
            price.generate(in),
            fraction.generate(in),
            fraction.generate(in),
            volume.generate(in),
            quoteVolume.generate(in));
  }

  /** Doubles in [min, max] rounded to {@code scale} decimals. */
  private static Gen<Double> decimals(double min, double max, int scale) {
    return doubles()
        .between(min, max)
        .map(x -> BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP).doubleValue());
  }

  private static BarSeries series(
      String symbol, BarInterval interval, long startMs, List<BarDraw> draws) {
    BarSeriesBuilder b = new BarSeriesBuilder(symbol, interval, draws.size());
    long t = startMs;
    for (BarDraw d : draws) {
      double high = Math.max(d.open(), d.close()) * (1 + d.up());
      double low = Math.min(d.open(), d.close()) * (1 - d.down());
      b.append(t, d.open(), high, low, d.close(), d.volume(), d.quoteVolume());
      t += d.steps() * interval.millis();
    }
    return b.build();
  }
}

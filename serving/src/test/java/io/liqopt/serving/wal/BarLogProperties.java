package io.liqopt.serving.wal;

import static io.liqopt.serving.wal.Batches.assertSameBatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Random batches come back from the log bit for bit, whether sealed or still active. */
class BarLogProperties {

  @Property(tries = 40)
  void replay_randomBatches_roundTripExactly(@ForAll("batchLists") List<BarSeries> batches,
      @ForAll @IntRange(min = 0, max = 8) int sealAfter) throws IOException {
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

  @Provide
  Arbitrary<List<BarSeries>> batchLists() {
    return batch().list().ofMinSize(1).ofMaxSize(8);
  }

  /** One bar's values before they are placed on a grid. */
  private record BarDraw(int steps, double open, double close, double up, double down,
      double volume, double quoteVolume) {
  }

  private static Arbitrary<BarSeries> batch() {
    Arbitrary<String> symbol = Arbitraries.of("BTCUSDT", "ETH-USD", "A", "X1.Y_2");
    Arbitrary<BarInterval> interval = Arbitraries.of(BarInterval.class);
    Arbitrary<Long> startMs = Arbitraries.longs().between(0, 4_000_000_000_000L);
    return Combinators.combine(symbol, interval, startMs, barDraw().list().ofMinSize(1)
        .ofMaxSize(40)).as(BarLogProperties::series);
  }

  private static Arbitrary<BarDraw> barDraw() {
    // exp of a fine-grained exponent: prices from 1e-8 to 1e8 using every mantissa bit
    Arbitrary<Double> price = Arbitraries.doubles().between(-18, 18).ofScale(9).map(Math::exp);
    Arbitrary<Double> fraction = Arbitraries.doubles().between(0, 0.5).ofScale(9);
    Arbitrary<Double> volume = Arbitraries.doubles().between(0, 1e12).ofScale(6);
    Arbitrary<Double> quoteVolume = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(Double.NaN)), Tuple.of(3, volume));
    return Combinators.combine(Arbitraries.integers().between(1, 3), price, price, fraction,
        fraction, volume, quoteVolume).as(BarDraw::new);
  }

  private static BarSeries series(String symbol, BarInterval interval, long startMs,
      List<BarDraw> draws) {
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

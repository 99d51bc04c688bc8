package io.liqopt.cli;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.LivePriceGuard;
import io.liqopt.serving.Server;
import io.liqopt.serving.book.LiveBook;
import io.liqopt.serving.feeds.LiveOptions;
import io.liqopt.serving.feeds.ReplayFeed;
import io.liqopt.serving.replay.SyntheticBook;
import io.liqopt.serving.state.AssetView;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The quick start's live side: a synthetic feed of three sources quoting each asset around its last
 * close (a random walk, 0.05 % a step of 10 s, each source within ±0.02 % of it, for 24 hours of
 * quotes, replayed at the clock's pace and stamped on arrival; price quotes carry no volume, so
 * they move health factors and never make bars), and a synthetic book of positions ({@link
 * SyntheticBook}) put into the service's book once it is loaded.
 */
final class QuickstartLive {
  /** Seconds between a source's quotes. */
  private static final int STEP_SECONDS = 10;

  private static final int HOURS = 24;
  private static final List<String> SOURCES = List.of("a", "b", "c");

  private QuickstartLive() {}

  /** Writes the feed's quotes for {@code series} (their last closes) under {@code dataDir}. */
  static Path writeFeed(Path dataDir, List<BarSeries> series, long seed) throws IOException {
    Path file = dataDir.resolve("quickstart-feed.csv");
    SplittableRandom r = new SplittableRandom(seed);
    double[] mid = new double[series.size()];
    for (int j = 0; j < mid.length; j++) {
      BarSeries s = series.get(j);
      mid[j] = s.close(s.size() - 1);
    }
    AtomicFiles.write(
        file,
        temp -> {
          try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            w.write(ReplayFeed.HEADER);
            w.newLine();
            for (int step = 0; step < HOURS * 3600 / STEP_SECONDS; step++) {
              long t = step * STEP_SECONDS * 1000L;
              for (int j = 0; j < mid.length; j++) {
                mid[j] *= Math.exp(0.0005 * r.nextGaussian());
                for (String source : SOURCES) {
                  double p = mid[j] * (1 + 0.0002 * (2 * r.nextDouble() - 1));
                  w.write(
                      String.format(
                          Locale.ROOT, "%d,%s,%s,%.10g", t, series.get(j).symbol(), source, p));
                  w.newLine();
                }
              }
            }
          }
        });
    return file;
  }

  /** Live prices from the feed in {@code file}, the guard's defaults. */
  static LiveOptions live(Path file) {
    return new LiveOptions(
        LivePriceGuard.Settings.DEFAULTS,
        10_000,
        List.of(
            held ->
                new ReplayFeed(
                    "synthetic", file, 1.0, true, System::currentTimeMillis, Thread::sleep)));
  }

  /**
   * Puts {@code n} synthetic positions into the server's book, sized on its prices and LTs.
   *
   * @return how many are liquidatable once written
   */
  static int fillBook(Server server, int n, long seed) throws IOException {
    LiveBook book = server.book();
    List<String> symbols = new ArrayList<>();
    List<Double> prices = new ArrayList<>();
    List<Double> lts = new ArrayList<>();
    for (Map.Entry<String, AssetView> e : server.engine().state().assets().entrySet()) {
      AssetView v = e.getValue();
      if (v.governed() != null) {
        symbols.add(e.getKey());
        prices.add(v.price());
        lts.add(v.governed().lt());
      }
    }
    List<SyntheticBook.Position> positions =
        SyntheticBook.generate(
            n,
            symbols,
            prices.stream().mapToDouble(Double::doubleValue).toArray(),
            lts.stream().mapToDouble(Double::doubleValue).toArray(),
            symbols.indexOf(server.engine().factorSymbol()),
            seed);
    int liquidatable = 0;
    for (SyntheticBook.Position p : positions) {
      List<String> held = new ArrayList<>(p.collateral().keySet());
      double[] q = new double[held.size()];
      for (int k = 0; k < q.length; k++) {
        q[k] = p.collateral().get(held.get(k));
      }
      liquidatable += book.put(p.id(), 1, held, q, p.debtQuote()).liquidatable() ? 1 : 0;
    }
    return liquidatable;
  }
}

package io.liqopt.serving.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.LivePriceGuard;
import io.liqopt.serving.Server;
import io.liqopt.serving.api.Limits;
import io.liqopt.serving.book.BookOptions;
import io.liqopt.serving.feeds.BinanceKlineFeed;
import io.liqopt.serving.feeds.LiveOptions;
import io.liqopt.serving.feeds.MockExchange;
import io.liqopt.serving.feeds.PriceFeed;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.store.MarketStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A replay of stored history through the live engine, end to end: the bars before the replay go
 * into a scratch store; a synthetic book ({@link SyntheticBook}) is sized on the thresholds at the
 * start and PUT through the API; then a {@link MockExchange} plays the replayed hours as Binance
 * kline streams from three venues, with the {@link ReplayFaults} injected, into a server running
 * live prices and the book, all on a {@link ReplayClock} at {@code speed}. After each hour closes
 * (and its bar has had {@link #SAMPLE_LAG_MS} of market time to be assembled and ingested) the
 * replay reads what a keeper would read, through the API: thresholds, guarded prices and sources,
 * the book, the queue, and the stream's events of the hour ({@link ReplayHour}).
 */
public final class MarketReplay {
  /** An hour, ms. */
  public static final long HOUR_MS = BarInterval.H1.millis();

  private static final long DAY_MS = 24 * HOUR_MS;

  /** How long after an hour's end it is sampled, market time. */
  static final long SAMPLE_LAG_MS = 2 * 60_000L;

  /** How long, wall time, a sample waits for the hour's bars to be ingested. */
  static final long BAR_WAIT_MS = 10_000;

  private static final String TOKEN = "replay";
  private static final List<String> VENUES = List.of("a", "b", "c");

  private MarketReplay() {}

  /**
   * A replay's settings.
   *
   * @param dataDir the store replayed (read only)
   * @param workDir the scratch folder (its store, book and logs); created, must be empty
   * @param symbols the assets (empty: every hourly series in the store)
   * @param fromMs the first replayed hour's start
   * @param toMs the end of the replayed hours
   * @param engine the engine's settings but for its data folder and clock, which the replay sets (a
   *     bundle or a baseline)
   * @param positions the synthetic book's size
   * @param seed the book's seed
   * @param speed market time per wall time
   * @param stepsPerHour kline updates per hour per venue
   * @param guard the live guard (ages in market time)
   * @param faults the faults of the mock exchange (null: {@link ReplayFaults#standard})
   */
  public record Settings(
      Path dataDir,
      Path workDir,
      List<String> symbols,
      long fromMs,
      long toMs,
      ThresholdEngine.Settings engine,
      int positions,
      long seed,
      double speed,
      int stepsPerHour,
      LivePriceGuard.Settings guard,
      List<MockExchange.Fault> faults) {
    public Settings {
      symbols = List.copyOf(symbols);
      if (fromMs % HOUR_MS != 0 || toMs % HOUR_MS != 0 || toMs <= fromMs) {
        throw new IllegalArgumentException("the replay needs whole hours, from before to");
      }
      if (positions < 1 || !(speed > 0) || Double.isInfinite(speed) || stepsPerHour < 4) {
        throw new IllegalArgumentException(
            "positions ≥ 1, a finite positive speed and stepsPerHour ≥ 4 needed");
      }
      faults = faults == null ? null : List.copyOf(faults);
    }
  }

  /**
   * What the replay did.
   *
   * @param symbols the assets replayed
   * @param factor the market factor
   * @param faults the faults injected, as described to a reader
   * @param start the thresholds, prices and book before the first replayed hour
   * @param hours one sample per replayed hour
   * @param sources per venue its counters at the end (accepted, outliers, refused by verdict)
   * @param alerts the guard's alerts and the staleness flips, as they arrived (the first 500), each
   *     as "market time type symbol: detail"
   * @param wallSeconds how long the replay took
   */
  public record Result(
      List<String> symbols,
      String factor,
      List<String> faults,
      ReplayHour start,
      List<ReplayHour> hours,
      Map<String, Map<String, Long>> sources,
      List<String> alerts,
      double wallSeconds) {
    public Result {
      alerts = List.copyOf(alerts);
      symbols = List.copyOf(symbols);
      faults = List.copyOf(faults);
      hours = List.copyOf(hours);
      sources = Map.copyOf(sources);
    }
  }

  /** Runs the replay (several minutes at 720×), progress lines to {@code progress}. */
  public static Result run(Settings s, Consumer<String> progress)
      throws IOException, InterruptedException {
    long wall0 = System.nanoTime();
    Map<String, BarSeries> replayed = prepareStore(s, progress);
    List<String> symbols = List.copyOf(replayed.keySet());
    Path scratch = s.workDir().resolve("data");
    ThresholdEngine.Settings engine = withData(s.engine(), scratch);
    ReplayClock clock = new ReplayClock(s.fromMs(), s.speed());
    ReplayHour start;
    String factor;
    try (Server first = Server.start(options(engine, null), clock, progress);
        ReplayClient c = new ReplayClient(first.url(), TOKEN)) {
      factor = first.engine().factorSymbol();
      start = ReplaySampler.sample(c, s.fromMs() - HOUR_MS, symbols, s.fromMs());
      loadBook(c, s, symbols, factor, start, progress);
      start = ReplaySampler.sample(c, s.fromMs() - HOUR_MS, symbols, s.fromMs());
    }
    List<MockExchange.Fault> faults =
        s.faults() != null
            ? s.faults()
            : ReplayFaults.standard(symbols, factor, s.toMs() - s.fromMs(), s.stepsPerHour());
    List<ReplayHour> hours = new ArrayList<>();
    Map<String, Map<String, Long>> sources;
    List<String> alerts = new ArrayList<>();
    try (MockExchange exchange =
        MockExchange.startPaused(
            replayed,
            new MockExchange.Settings(s.stepsPerHour(), s.speed(), false),
            faults,
            clock::millis)) {
      // ages and bars kept in market time: a sweep every market minute
      long sweepMs = Math.max(10, (long) (60_000 / s.speed()));
      LiveOptions live = new LiveOptions(s.guard(), 10_000, feeds(exchange), sweepMs);
      try (Server server = Server.start(options(engine, live), clock, progress);
          ReplayClient c = new ReplayClient(server.url(), TOKEN)) {
        c.follow(clock::millis);
        clock.start(exchange.begin());
        progress.accept(
            "replaying "
                + (s.toMs() - s.fromMs()) / HOUR_MS
                + " h of "
                + symbols.size()
                + " assets at "
                + s.speed()
                + "× through venues "
                + VENUES
                + " ("
                + faults.size()
                + " faults)");
        for (long h = s.fromMs(); h < s.toMs(); h += HOUR_MS) {
          clock.sleepUntil(h + HOUR_MS + SAMPLE_LAG_MS);
          ReplayHour row =
              ReplaySampler.sample(c, h, symbols, clock::millis, BAR_WAIT_MS)
                  .withEvents(c.events(h));
          hours.add(row);
          progress.accept(ReplaySampler.line(row));
        }
        sources = ReplaySampler.sources(c.get("/v1/market/prices"));
        for (ReplayClient.Alert a : c.alerts()) {
          alerts.add(
              java.time.Instant.ofEpochMilli(a.atMs())
                  + " "
                  + a.type()
                  + " "
                  + a.symbol()
                  + (a.detail().isEmpty() ? "" : ": " + a.detail()));
        }
      }
    }
    return new Result(
        symbols,
        factor,
        ReplayFaults.describe(faults, s.fromMs(), s.stepsPerHour()),
        start,
        hours,
        sources,
        alerts,
        (System.nanoTime() - wall0) / 1e9);
  }

  /** Copies the bars before the replay into the scratch store; returns the replayed bars. */
  private static Map<String, BarSeries> prepareStore(Settings s, Consumer<String> progress)
      throws IOException {
    MarketStore source = new MarketStore(s.dataDir());
    List<String> symbols = new ArrayList<>(s.symbols());
    if (symbols.isEmpty()) {
      for (MarketStore.Entry e : source.list()) {
        if (e.interval() == BarInterval.H1) {
          symbols.add(e.symbol());
        }
      }
    }
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("no hourly series in " + s.dataDir());
    }
    MarketStore scratch = new MarketStore(s.workDir().resolve("data"));
    long historyFrom = s.fromMs() - (s.engine().historyDays() + 7) * DAY_MS;
    Map<String, BarSeries> replayed = new LinkedHashMap<>();
    for (String symbol : symbols) {
      BarSeries all = source.read(symbol, BarInterval.H1);
      BarSeries before = all.slice(historyFrom, s.fromMs());
      BarSeries during = all.slice(s.fromMs(), s.toMs());
      long expected = (s.toMs() - s.fromMs()) / HOUR_MS;
      if (before.size() == 0 || before.lastOpenTimeMs() != s.fromMs() - HOUR_MS) {
        throw new IllegalArgumentException(
            symbol + " has no bar in the hour before the replay's start");
      }
      if (during.size() != expected) {
        throw new IllegalArgumentException(
            symbol + " has " + during.size() + " of the " + expected + " replayed hours' bars");
      }
      scratch.write(before, "replay");
      replayed.put(symbol, during);
    }
    progress.accept(
        "scratch store: "
            + symbols.size()
            + " assets up to the replay's start in "
            + scratch.root());
    return replayed;
  }

  private static void loadBook(
      ReplayClient c,
      Settings s,
      List<String> symbols,
      String factor,
      ReplayHour start,
      Consumer<String> progress)
      throws IOException, InterruptedException {
    double[] price = new double[symbols.size()];
    double[] lt = new double[symbols.size()];
    for (int i = 0; i < price.length; i++) {
      ReplayHour.Asset a = start.assets().get(symbols.get(i));
      price[i] = a.price();
      lt[i] = a.lt();
    }
    List<SyntheticBook.Position> book =
        SyntheticBook.generate(
            s.positions(), symbols, price, lt, symbols.indexOf(factor), s.seed());
    for (int i = 0; i < book.size(); i++) {
      c.put(book.get(i));
      if ((i + 1) % 1_000 == 0 || i + 1 == book.size()) {
        progress.accept("book: " + (i + 1) + "/" + book.size() + " positions");
      }
    }
  }

  private static List<Function<List<String>, PriceFeed>> feeds(MockExchange exchange) {
    List<Function<List<String>, PriceFeed>> feeds = new ArrayList<>();
    for (String venue : VENUES) {
      feeds.add(
          held ->
              new BinanceKlineFeed(
                  BinanceKlineFeed.Settings.of(exchange.baseUrl(venue), held)
                      .withName(venue)
                      .withInterval("1h")
                      .withBackoffMs(50, 1_000)));
    }
    return feeds;
  }

  private static Server.Options options(ThresholdEngine.Settings engine, LiveOptions live) {
    Limits limits =
        new Limits(16L << 20, 10_000, 1_000, 20_000)
            .withBudgets(Limits.DEFAULT_ANSWER_BYTES, Limits.DEFAULT_DEADLINE_MS);
    return new Server.Options(
        "127.0.0.1",
        0,
        engine,
        limits,
        TOKEN,
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        Duration.ofSeconds(5),
        live,
        BookOptions.DEFAULTS);
  }

  private static ThresholdEngine.Settings withData(ThresholdEngine.Settings e, Path dataDir) {
    return new ThresholdEngine.Settings(
        dataDir,
        e.modelsDir(),
        e.policy(),
        e.baseline(),
        ThresholdEngine.Clock.WALL,
        e.historyDays(),
        e.dashboardHours(),
        e.factorSymbol(),
        e.stressLevel(),
        e.quantileTrackingGamma());
  }

  /** Reads a JSON number that may be null as NaN. */
  static double number(JsonNode n) {
    return n == null || n.isNull() || !n.isNumber() ? Double.NaN : n.asDouble();
  }
}

package io.liqopt.benchmarks;

import io.javalin.Javalin;
import io.liqopt.core.AtomicFiles;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.position.PositionBook;
import io.liqopt.serving.Server;
import io.liqopt.serving.api.Limits;
import io.liqopt.serving.book.BookOptions;
import io.liqopt.serving.book.PositionLog;
import io.liqopt.serving.feeds.LiveOptions;
import io.liqopt.serving.state.BarPathRehearsal;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.store.MarketStore;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The live engine end to end: from {@code POST /v1/market/prices} of a 1 % move of one asset to the
 * bytes of the stream's {@code liquidatable-entered}/{@code -left} event at a loopback client, with
 * a book of N positions loaded at start. Usage: {@code java -cp ...
 * io.liqopt.benchmarks.BookStreamBench [N] [TICKS] [BARS] [REHEARSALS]} (defaults 1 000 000, 1 000,
 * 100 and {@link BarPathRehearsal#DEFAULT_ROUNDS}: bars of every asset rehearsed before the
 * measures, as {@code serve} does).
 *
 * <p>The market: 4 synthetic assets (seed 11, 0.6 years of hours), served with baseline EWMA on the
 * data clock, live prices on (push route), the book on. The book: written as a snapshot before the
 * start, 1–3 holdings per position over the 4 assets, the first asset in every position (so every
 * tick of it moves the whole book), health factors lognormal around 1.5 (log-sd 0.2) at the last
 * close × an LT of 0.8 (the served LT differs a little: the distribution shifts, its shape holds);
 * seed 42. A tick: two sources quote the first asset 1 % below (even ticks) or back at (odd ticks)
 * the close; each tick crosses HF 1 for some positions, so each has an event. Measured per tick:
 * the time from sending the push to reading the event's last line, and to the push's own answer;
 * reported: percentiles, the server's own time per push (its {@code /metrics} histogram's sum over
 * count) and, measured first, the floor: the same push moving the price by 10⁻⁹, which crosses
 * nothing; then, in rounds, that push and the same request bytes to a bare Javalin route in this
 * JVM (what the service adds over the transport). The client is plain sockets ({@link HttpConn},
 * {@link SseConn}: {@code HttpClient}'s thread hand-offs doubled the floor on the 2-core machine),
 * one keep-alive connection. Then BARS closed bars of the market factor through {@code POST
 * /v1/market/bars} (the ingest token is set), each recomputing every asset's thresholds and
 * re-weighing the book: per bar, the time to the last {@code thresholds} event of the state it
 * published, and the server's own steps of each publish ({@link ThresholdEngine#onPhaseTimes}: the
 * write-ahead append, the compute, the governor's save, the listeners), naming the bars whose
 * append or save took over 10 ms. The temporary folder is deleted at the end.
 */
public final class BookStreamBench {
  private static final String TOKEN = "bench-token";

  private BookStreamBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int bars = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int rehearse = args.length > 3 ? Integer.parseInt(args[3]) : BarPathRehearsal.DEFAULT_ROUNDS;
    Path dir = Files.createTempDirectory("book-stream-bench");
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(4, 0.6, 11));
    MarketStore store = new MarketStore(dir.resolve("data"));
    List<String> symbols = new ArrayList<>();
    double[] close = new double[market.size()];
    for (int j = 0; j < market.size(); j++) {
      BarSeries s = market.get(j);
      store.write(s, "synthetic bench market");
      symbols.add(s.symbol());
      close[j] = s.close(s.size() - 1);
    }
    long t0 = System.nanoTime();
    writeBook(dir.resolve("data").resolve("state").resolve("book"), symbols, close, n);
    System.out.printf(Locale.ROOT, "book of %,d written in %.1f s%n", n, secs(t0));
    ThresholdEngine.Settings settings =
        new ThresholdEngine.Settings(
            dir.resolve("data"),
            dir.resolve("models"),
            PolicyConfig.defaults().resolve(),
            "ewma",
            ThresholdEngine.Clock.DATA,
            120,
            168,
            null,
            io.liqopt.core.forecast.ForecastSpec.DEFAULT_STRESS_LEVEL,
            // the quantile tracking a service runs by default (the recipe's)
            io.liqopt.core.forecast.ForecastSpec.defaults().quantileTrackingGamma());
    Server.Options options =
        new Server.Options(
                "127.0.0.1",
                0,
                settings,
                Limits.defaults(),
                TOKEN,
                Duration.ofHours(1),
                Duration.ofHours(1),
                Duration.ofSeconds(10))
            .withLive(LiveOptions.PUSH_ONLY)
            .withBook(BookOptions.DEFAULTS);
    t0 = System.nanoTime();
    try (Server server = Server.start(options, InstantSource.system(), l -> {})) {
      System.out.printf(Locale.ROOT, "server with the book ready in %.1f s%n", secs(t0));
      BarPathRehearsal.Result r = BarPathRehearsal.run(server.engine(), rehearse);
      System.out.printf(
          Locale.ROOT, "rehearsed %d bars of every asset in %d ms%n", r.rounds(), r.millis());
      run(server, symbols.get(0), close[0], ticks, bars);
    } finally {
      AtomicFiles.deleteTree(dir); // the book's snapshot alone is 50 MB
    }
  }

  private static void run(Server server, String symbol, double close, int ticks, int bars)
      throws Exception {
    URI url = URI.create(server.url());
    HttpConn client = new HttpConn(url.getHost(), url.getPort());
    SseConn stream = new SseConn(url.getHost(), url.getPort(), "/v1/stream");
    BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    BlockingQueue<long[]> thresholds = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              boolean[] kind = new boolean[2]; // a book event, a thresholds event
              try {
                stream.read(
                    line -> {
                      if (line.startsWith("event:")) {
                        kind[0] = line.contains("liquidatable-");
                        kind[1] = line.contains("thresholds");
                      } else if (line.startsWith("data:") && kind[0]) {
                        arrivals.add(System.nanoTime());
                        kind[0] = false;
                      } else if (line.startsWith("data:") && kind[1]) {
                        thresholds.add(new long[] {System.nanoTime(), stateVersion(line)});
                        kind[1] = false;
                      }
                    });
              } catch (IOException e) {
                // closed at the end
              }
            },
            "bench-stream");
    reader.setDaemon(true);
    reader.start();
    long now = System.currentTimeMillis();
    push(client, url, symbol, close, now); // fresh live price at the close
    Thread.sleep(500);
    // the floor: the same push with moves of 1e-9, 2 ms apart as the ticks, then back to back
    now = floor(client, url, symbol, close, now, Math.min(ticks, 500), 2);
    now = floor(client, url, symbol, close, now, Math.min(ticks, 500), 0);
    now = transportFloor(client, url, symbol, close, now, Math.min(ticks, 500));
    arrivals.clear();
    long[] micros = new long[ticks];
    long[] answered = new long[ticks];
    int missed = 0;
    for (int i = 0; i < ticks; i++) {
      double price = i % 2 == 0 ? close * 0.99 : close;
      long sent = System.nanoTime();
      push(client, url, symbol, price, now + 1 + i);
      answered[i] = (System.nanoTime() - sent) / 1_000;
      Long at = arrivals.poll(5, TimeUnit.SECONDS);
      if (at == null) {
        missed++;
        micros[i] = Long.MAX_VALUE;
        continue;
      }
      micros[i] = (at - sent) / 1_000;
      // an entered and a left event can come from one tick: keep the first
      Thread.sleep(2);
      arrivals.clear();
    }
    long[] sorted = Arrays.stream(micros).filter(m -> m != Long.MAX_VALUE).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%d ticks (%d without an event): push to the stream event's bytes p50 %.2f ms, p90 %.2f"
            + " ms, p99 %.2f ms, max %.2f ms%n",
        ticks,
        missed,
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e3);
    long[] answers = Arrays.stream(answered).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "  the push's own answer (the event is written before it): p50 %.2f ms, p90 %.2f ms, p99"
            + " %.2f ms%n",
        pct(answers, 0.50),
        pct(answers, 0.90),
        pct(answers, 0.99));
    ByteArrayOutputStream metrics = new ByteArrayOutputStream();
    client.exchange(
        HttpConn.request("GET", url.getHost(), url.getPort(), "/metrics", null), metrics);
    metrics
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.contains("/v1/market/prices") && !l.contains("_bucket"))
        .forEach(l -> System.out.println("  " + l));
    factorBars(client, server, bars, thresholds);
    long[] rebased = server.book().rebases();
    trend(client, url, symbol, close, 250, 0.001);
    long[] after = server.book().rebases();
    System.out.printf(
        Locale.ROOT,
        "  the book's rebases off the tick path: %d during the bars, %d during the trend (%.0f ms"
            + " each from start to install)%n",
        rebased[0],
        after[0] - rebased[0],
        after[0] == 0 ? Double.NaN : after[1] / 1e6 / after[0]);
    stream.close();
    client.close();
  }

  /**
   * A trend: {@code steps} pushes each {@code step} below the last, then as many back up to the
   * close, 2 ms apart, as in a crash. Every move of 5 % of a weighted price since the book's last
   * rebase makes one due; prints the answers' percentiles (each push's events are written before
   * its answer).
   */
  private static void trend(
      HttpConn client, URI url, String symbol, double close, int steps, double step)
      throws Exception {
    long[] answered = new long[2 * steps];
    int refused = 0;
    long t = 0;
    for (int i = 0; i < 2 * steps; i++) {
      int down = i < steps ? i + 1 : 2 * steps - 1 - i;
      long sent = System.nanoTime();
      t = Math.max(t + 1, System.currentTimeMillis()); // the wall clock: the guard ages quotes
      int accepted = push(client, url, symbol, close * Math.pow(1 - step, down), t);
      answered[i] = (System.nanoTime() - sent) / 1_000;
      refused += 2 - accepted;
      Thread.sleep(2);
    }
    Arrays.sort(answered);
    System.out.printf(
        Locale.ROOT,
        "a trend of %d pushes (%d quotes refused), %.2f %% each, down %.0f %% and back: answered"
            + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        2 * steps,
        refused,
        100 * step,
        100 * (1 - Math.pow(1 - step, steps)),
        pct(answered, 0.50),
        pct(answered, 0.90),
        pct(answered, 0.99),
        answered[answered.length - 1] / 1e3);
    for (String refusal : REFUSALS) {
      System.out.println("  a push with a quote refused (so far in the run): " + refusal);
    }
  }

  /**
   * {@code count} pushes moving the price by 10⁻⁹ (the book evaluates almost nothing, no event),
   * {@code gapMs} apart; prints their answers' percentiles and returns the next quote time.
   */
  private static long floor(
      HttpConn client, URI url, String symbol, double close, long t, int count, int gapMs)
      throws Exception {
    long[] floor = new long[count];
    for (int i = 0; i < count; i++) {
      long sent = System.nanoTime();
      push(client, url, symbol, close * (1 + 1e-9 * (i % 2)), t + 1 + i);
      floor[i] = (System.nanoTime() - sent) / 1_000;
      if (gapMs > 0) {
        Thread.sleep(gapMs);
      }
    }
    Arrays.sort(floor);
    System.out.printf(
        Locale.ROOT,
        "%d pushes that move nothing across (the HTTP floor), %d ms apart: answered p50 %.2f ms,"
            + " p90 %.2f ms, p99 %.2f ms%n",
        count,
        gapMs,
        pct(floor, 0.50),
        pct(floor, 0.90),
        pct(floor, 0.99));
    return t + count;
  }

  /**
   * The transport's own floor beside the service's, on the machine as it is now: {@code count}
   * rounds of a push that moves nothing across, then the same request bytes to a bare Javalin app
   * in this JVM ({@code POST /sink}: reads the body, answers the push's answer bytes; its own
   * connection), 2 ms apart as the ticks are. What the service adds to a push is the difference.
   */
  private static long transportFloor(
      HttpConn client, URI url, String symbol, double close, long t, int count) throws Exception {
    Javalin bare = ServeLoadBench.bareApp().start(url.getHost(), 0);
    try (HttpConn sink = new HttpConn(url.getHost(), bare.port())) {
      long[] service = new long[count];
      long[] transport = new long[count];
      for (int i = 0; i < count; i++) {
        double price = close * (1 + 1e-9 * (i % 2));
        long sent = System.nanoTime();
        ByteArrayOutputStream pushed = pushAnswer(client, url, symbol, price, t + 1 + i);
        service[i] = (System.nanoTime() - sent) / 1_000;
        if (i == 0) {
          ServeLoadBench.sinkAnswers(pushed.toByteArray()); // as many bytes as the service's
        }
        Thread.sleep(2);
        byte[] request =
            HttpConn.request(
                "POST",
                url.getHost(),
                bare.port(),
                "/sink",
                pushBody(symbol, price, t + 1 + i).getBytes(StandardCharsets.UTF_8),
                "Authorization: Bearer " + TOKEN);
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        sent = System.nanoTime();
        if (sink.exchange(request, r) != 200) {
          throw new IllegalStateException("the bare app answered " + r);
        }
        transport[i] = (System.nanoTime() - sent) / 1_000;
        Thread.sleep(2);
      }
      Arrays.sort(service);
      Arrays.sort(transport);
      System.out.printf(
          Locale.ROOT,
          "%d rounds, 2 ms apart: a push that moves nothing across p50 %.2f ms, p90 %.2f ms, p99"
              + " %.2f ms; the same bytes to a bare Javalin route (the transport floor) p50 %.2f"
              + " ms, p90 %.2f ms, p99 %.2f ms%n",
          count,
          pct(service, 0.50),
          pct(service, 0.90),
          pct(service, 0.99),
          pct(transport, 0.50),
          pct(transport, 0.90),
          pct(transport, 0.99));
    } finally {
      bare.stop();
    }
    return t + count + 1;
  }

  /**
   * {@code n} closed bars of the market factor through {@code POST /v1/market/bars}, each the next
   * hour (±0.4 %), which recomputes every asset's thresholds: per bar, the time from sending it to
   * the last {@code thresholds} event of the state it published at the client (events of one
   * publish are written back to back; those that arrive within 200 ms of the answer are counted).
   */
  private static void factorBars(
      HttpConn client, Server server, int n, BlockingQueue<long[]> thresholds) throws Exception {
    URI url = URI.create(server.url());
    String factor = server.engine().factorSymbol();
    BarSeries held = server.engine().state().assets().get(factor).history().series();
    long open = held.lastOpenTimeMs() + 3_600_000L;
    double price = held.close(held.size() - 1);
    SplittableRandom r = new SplittableRandom(7);
    // the server's own steps of each publish (called under the engine's lock, read after the bars)
    Map<String, List<Long>> phases = new ConcurrentHashMap<>();
    server
        .engine()
        .onPhaseTimes(
            (phase, nanos) ->
                phases
                    .computeIfAbsent(phase, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(nanos / 1_000));
    long[] micros = new long[n];
    long[] uptime = new long[n]; // ms since the JVM started, to line up with -XX:+PrintCompilation
    int unchanged = 0;
    int[] events = new int[n];
    for (int i = 0; i < n; i++) {
      double close = price * (1 + (r.nextBoolean() ? 0.004 : -0.004));
      String body =
          String.format(
              Locale.ROOT,
              "{\"series\":[{\"symbol\":\"%s\",\"bars\":[{\"openTimeMs\":%d,\"open\":%s,"
                  + "\"high\":%s,\"low\":%s,\"close\":%s,\"volume\":1000,"
                  + "\"quoteVolume\":%s}]}]}",
              factor,
              open,
              price,
              Math.max(price, close) * 1.001,
              Math.min(price, close) * 0.999,
              close,
              1000 * close);
      thresholds.clear();
      uptime[i] = ManagementFactory.getRuntimeMXBean().getUptime();
      long sent = System.nanoTime();
      ByteArrayOutputStream res = new ByteArrayOutputStream();
      int code = client.exchange(post(url, "/v1/market/bars", body), res);
      if (code != 200) {
        throw new IllegalStateException("bar answered " + code + ": " + res);
      }
      long version = stateVersion(res.toString(StandardCharsets.UTF_8));
      long last = -1;
      long deadline = System.nanoTime() + 200_000_000L;
      for (long[] e = thresholds.poll(200, TimeUnit.MILLISECONDS);
          e != null;
          e = thresholds.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        if (e[1] == version) {
          last = e[0];
          events[i]++;
        }
      }
      if (last < 0) {
        unchanged++;
        micros[i] = Long.MAX_VALUE;
      } else {
        micros[i] = (last - sent) / 1_000;
      }
      open += 3_600_000L;
      price = close;
    }
    long[] sorted = Arrays.stream(micros).filter(m -> m != Long.MAX_VALUE).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%d market-factor bars (%d without a threshold change, %.1f threshold events each):"
            + " bar to the last thresholds event's bytes p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
            + " max %.2f ms%n",
        n,
        unchanged,
        Arrays.stream(events).average().orElse(0),
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e3);
    for (String phase : List.of("wal", "compute", "save", "notify")) {
      long[] t =
          phases.getOrDefault(phase, List.of()).stream().mapToLong(x -> x).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "  server's %s step (%d): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          phase,
          t.length,
          pct(t, 0.50),
          pct(t, 0.90),
          pct(t, 0.99),
          t.length == 0 ? Double.NaN : t[t.length - 1] / 1e3);
    }
    slowStretches(phases.getOrDefault("compute", List.of()), uptime);
    slowSteps("wal", phases.getOrDefault("wal", List.of()), uptime);
    slowSteps("save", phases.getOrDefault("save", List.of()), uptime);
  }

  /**
   * Prints the bars whose {@code phase} step took over 10 ms, with the JVM's uptime (to line up
   * with a GC log, or with the disk's counters sampled beside the run).
   */
  private static void slowSteps(String phase, List<Long> micros, long[] uptime) {
    List<String> slow = new ArrayList<>();
    for (int i = 0; i < Math.min(micros.size(), uptime.length); i++) {
      if (micros.get(i) > 10_000) {
        slow.add(
            String.format(
                Locale.ROOT, "bar %d %.1f ms (uptime %d ms)", i, micros.get(i) / 1e3, uptime[i]));
      }
    }
    System.out.println(
        "  bars whose "
            + phase
            + " step took over 10 ms (the JVM started at epoch ms "
            + ManagementFactory.getRuntimeMXBean().getStartTime()
            + ")"
            + ": "
            + (slow.isEmpty() ? "none" : String.join(", ", slow)));
  }

  /**
   * Prints the runs of 5 or more consecutive bars whose compute step took over 3 ms, with the JVM's
   * uptime at their first and last bar (the compiler's log, -XX:+PrintCompilation, stamps its lines
   * with it).
   */
  private static void slowStretches(List<Long> computeMicros, long[] uptime) {
    List<String> runs = new ArrayList<>();
    int n = Math.min(computeMicros.size(), uptime.length);
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && computeMicros.get(j) > 3_000) {
        j++;
      }
      if (j - i >= 5) {
        runs.add(
            String.format(
                Locale.ROOT, "bars %d-%d (uptime %d-%d ms)", i, j - 1, uptime[i], uptime[j - 1]));
      }
      i = Math.max(j, i + 1);
    }
    System.out.println(
        "  stretches of 5+ bars with the compute step over 3 ms: "
            + (runs.isEmpty() ? "none" : String.join(", ", runs)));
  }

  /** The {@code stateVersion} field of a JSON object, or -1. */
  private static long stateVersion(String json) {
    int i = json.indexOf("\"stateVersion\":");
    if (i < 0) {
      return -1;
    }
    int from = i + "\"stateVersion\":".length();
    int to = from;
    while (to < json.length() && Character.isDigit(json.charAt(to))) {
      to++;
    }
    return to > from ? Long.parseLong(json.substring(from, to)) : -1;
  }

  /** The answers of the first pushes that had a quote refused (the bench prints them). */
  private static final List<String> REFUSALS = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Pushes two sources' quotes of {@code price} at quote time {@code t}; how many were accepted.
   */
  private static int push(HttpConn client, URI url, String symbol, double price, long t)
      throws IOException, InterruptedException {
    String json = pushAnswer(client, url, symbol, price, t).toString(StandardCharsets.UTF_8);
    if (!json.contains("\"accepted\":2") && REFUSALS.size() < 5) {
      REFUSALS.add(json);
    }
    int i = json.indexOf("\"accepted\":");
    return i < 0 ? 0 : json.charAt(i + "\"accepted\":".length()) - '0';
  }

  /** Pushes a quote of {@code price} from sources a and b; returns the 200 answer's bytes. */
  private static ByteArrayOutputStream pushAnswer(
      HttpConn client, URI url, String symbol, double price, long t) throws IOException {
    ByteArrayOutputStream r = new ByteArrayOutputStream();
    int code = client.exchange(post(url, "/v1/market/prices", pushBody(symbol, price, t)), r);
    if (code != 200) {
      throw new IllegalStateException("push answered " + code + ": " + r);
    }
    return r;
  }

  /** The push of {@link #push}: source b a little above source a. */
  private static String pushBody(String symbol, double price, long t) {
    return String.format(
        Locale.ROOT,
        "{\"quotes\":[{\"symbol\":\"%s\",\"source\":\"a\",\"price\":%s,\"timeMs\":%d},"
            + "{\"symbol\":\"%s\",\"source\":\"b\",\"price\":%s,\"timeMs\":%d}]}",
        symbol,
        price,
        t,
        symbol,
        price * (1 + 1e-6 * ((t & 1) + 1)),
        t);
  }

  private static byte[] post(URI url, String path, String body) {
    return HttpConn.request(
        "POST",
        url.getHost(),
        url.getPort(),
        path,
        body.getBytes(StandardCharsets.UTF_8),
        "Authorization: Bearer " + TOKEN);
  }

  /** The snapshot of the book the class comment describes. */
  private static void writeBook(Path dir, List<String> symbols, double[] close, int n)
      throws IOException {
    Files.createDirectories(dir);
    double[] weighted = new double[close.length];
    for (int j = 0; j < close.length; j++) {
      weighted[j] = close[j] * 0.8;
    }
    SplittableRandom r = new SplittableRandom(42);
    PositionBook book = new PositionBook(symbols, weighted, n);
    try (PositionLog log = PositionLog.open(dir)) {
      log.recover(book);
      for (int i = 0; i < n; i++) {
        int k = 1 + r.nextInt(3);
        List<String> held = new ArrayList<>(List.of(symbols.get(0)));
        while (held.size() < k) {
          String s = symbols.get(1 + r.nextInt(symbols.size() - 1));
          if (!held.contains(s)) {
            held.add(s);
          }
        }
        double[] q = new double[k];
        double value = 0;
        for (int m = 0; m < k; m++) {
          int j = symbols.indexOf(held.get(m));
          q[m] = r.nextDouble(1_000, 100_000) / close[j];
          value += q[m] * weighted[j];
        }
        book.put("pos-" + i, 1, held, q, value / (1.5 * Math.exp(0.2 * r.nextGaussian())));
      }
      book.rebase();
      log.snapshot(book);
    }
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e3;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}

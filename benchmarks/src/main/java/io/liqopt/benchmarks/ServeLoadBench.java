package io.liqopt.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.liqopt.core.AtomicFiles;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.serving.Server;
import io.liqopt.serving.api.JsonBodies;
import io.liqopt.serving.api.Limits;
import io.liqopt.serving.state.Chunks;
import io.liqopt.serving.state.ThresholdEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The service load benchmark ({@code bin/bench-serve}).
 *
 * <p>In one JVM it starts a bare Javalin app ({@code GET /const}: a fixed ~1 KB object serialised
 * by the service's own Jackson mapper on every request) and the real service ({@link Server} on a
 * copy of the given store, clock {@code data}, ingest token set), both on 127.0.0.1. Then:
 *
 * <ul>
 *   <li>closed-loop maximum throughput with {@code wrk} (same settings for every target): bare, GET
 *       thresholds, bare again (the ratio uses the mean of the two bare runs), POST assess with 1
 *       and with 100 positions;
 *   <li>fixed-rate latency (p50/p99/p99.9, measured from each request's intended send time) with
 *       {@link OpenLoopLoad}: bare and GET thresholds at 1 000 req/s, assess 1 at 1 000 req/s,
 *       assess 100 at a rate the service sustains;
 *   <li>a 10 000-position assessment: 100 single requests (by default), end to end including the
 *       client's own JSON writing and parsing, each followed by the same bytes through the bare
 *       app's {@code POST /sink} (the transport floor);
 *   <li>ingest: one new bar per request on one connection (closed loop), non-factor symbols and the
 *       market factor separately (a factor bar recomputes every asset).
 * </ul>
 *
 * <p>The generators run in this JVM too (wrk is a separate process). The open-loop generator is a
 * few threads on raw sockets that mostly sleep, the same for the bare app and the service, so it
 * shifts both rows alike; running the service as a child process was not needed.
 *
 * <p>Progress goes to stderr; the table (markdown) to stdout; everything measured to {@code
 * <reports>/bench-serve/<run-id>/metrics.json}.
 */
public final class ServeLoadBench {
  private static final ObjectMapper JSON = JsonBodies.MAPPER;
  private static final String HOST = "127.0.0.1";
  private static final String TOKEN = "bench-serve-token";
  private static final int OPEN_LOOP_CONNECTIONS = 4;
  private static final double TARGET_RATE = 1000;

  /** Rounds of the closed-loop measurements (bare and service targets alternate). */
  private static final int ROUNDS = 3;

  private final Args args;
  private final Wrk wrk;
  private final Map<String, Object> raw = new LinkedHashMap<>();

  /** What the bare app's {@code POST /sink} answers: the service's last batch answer, as bytes. */
  private static final java.util.concurrent.atomic.AtomicReference<byte[]> SINK_ANSWER =
      new java.util.concurrent.atomic.AtomicReference<>(new byte[0]);

  private final List<Row> rows = new ArrayList<>();

  /** From now on the bare app's {@code POST /sink} answers {@code bytes}. */
  static void sinkAnswers(byte[] bytes) {
    SINK_ANSWER.set(bytes.clone());
  }

  /** One line of the table; null numbers print as "—". */
  record Row(
      String scenario,
      Double rps,
      List<Double> ratio,
      Double p50,
      Double p99,
      Double p999,
      String target,
      String met) {

    /** {@code ratio}: median, min and max of the rounds' ratios to bare, or null. */
    Row {
      ratio = ratio == null ? null : List.copyOf(ratio);
    }
  }

  record Args(
      int seconds,
      int warmup,
      Path data,
      Path models,
      Path reports,
      String wrk,
      int wrkThreads,
      int wrkConnections,
      double rate,
      int batchRequests,
      boolean batchOnly) {}

  /** An asset as GET /v1/assets shows it. */
  record Asset(String symbol, double price, long dataTimeMs, double lt) {}

  /** Request shapes (as the API's Requests records, with plain numbers). */
  record HoldingOut(String symbol, double quantity) {}

  record PositionOut(String id, List<HoldingOut> collateral, String debtAsset, double debtQuote) {}

  private ServeLoadBench(Args args) {
    this.args = args;
    this.wrk = new Wrk(args.wrk(), args.wrkThreads(), args.wrkConnections());
  }

  public static void main(String[] argv) throws Exception {
    Args a;
    try {
      a = parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-serve: " + e.getMessage());
      System.err.println(
          "usage: ServeLoadBench --data DIR --models DIR [--seconds N] "
              + "[--warmup N] [--reports DIR] [--wrk PATH] [--rate R] [--batch-requests N]"
              + " [--batch-only]");
      System.exit(2);
      return;
    }
    new ServeLoadBench(a).run();
  }

  static Args parse(String[] argv) {
    int seconds = 8;
    int warmup = 3;
    Path data = null;
    Path models = null;
    Path reports = Path.of("reports");
    String wrk = "wrk";
    double rate = TARGET_RATE;
    int batchRequests = 500;
    boolean batchOnly = false;
    for (int i = 0; i < argv.length; i++) {
      String k = argv[i];
      if (k.equals("--batch-only")) {
        batchOnly = true;
        continue;
      }
      if (i + 1 >= argv.length) {
        throw new IllegalArgumentException(k + " needs a value");
      }
      String v = argv[++i];
      switch (k) {
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--data" -> data = Path.of(v);
        case "--models" -> models = Path.of(v);
        case "--reports" -> reports = Path.of(v);
        case "--wrk" -> wrk = v;
        case "--rate" -> rate = Double.parseDouble(v);
        case "--batch-requests" -> batchRequests = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown option " + k);
      }
    }
    if (data == null || models == null) {
      throw new IllegalArgumentException("--data and --models are required");
    }
    if (seconds < 1 || warmup < 1 || rate <= 0 || batchRequests < 1) {
      throw new IllegalArgumentException(
          "--seconds, --warmup, --rate and --batch-requests must be positive");
    }
    return new Args(
        seconds, warmup, data, models, reports, wrk, 1, 16, rate, batchRequests, batchOnly);
  }

  static void progress(String line) {
    System.err.println("bench-serve: " + line);
    System.err.flush();
  }

  private void run() throws Exception {
    String wrkVersion = Wrk.version(args.wrk());
    if (wrkVersion == null && !args.batchOnly()) {
      throw new IllegalStateException(
          "wrk not found ('"
              + args.wrk()
              + "'); install it "
              + "(apt-get install -y wrk) or pass --wrk PATH");
    }
    String runId =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path runDir = args.reports().resolve("bench-serve").resolve(runId);
    Path work = Files.createTempDirectory("liqopt-bench-serve-");
    Path data = work.resolve("data");
    progress("copying " + args.data() + " to " + data + " (ingest appends to it)");
    copyTree(args.data(), data);

    Javalin bare = bareApp();
    bare.start(HOST, 0);
    int barePort = bare.port();
    progress("bare Javalin app on port " + barePort);
    ThresholdEngine.Settings settings =
        new ThresholdEngine.Settings(
            data,
            args.models(),
            PolicyConfig.defaults().resolve(),
            null,
            ThresholdEngine.Clock.DATA,
            120,
            168,
            null,
            io.liqopt.core.forecast.ForecastSpec.DEFAULT_STRESS_LEVEL,
            // the quantile tracking a service runs by default (the recipe's)
            io.liqopt.core.forecast.ForecastSpec.defaults().quantileTrackingGamma());
    Server.Options options =
        new Server.Options(
            HOST,
            0,
            settings,
            Limits.defaults(),
            TOKEN,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofSeconds(10));
    Server server = Server.start(options, InstantSource.system(), l -> progress("serve: " + l));
    try {
      raw.put("runId", runId);
      raw.put(
          "machine",
          Map.of(
              "cores",
              Runtime.getRuntime().availableProcessors(),
              "java",
              System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
              "maxHeapMb",
              Runtime.getRuntime().maxMemory() >> 20,
              "jvmArguments",
              java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
      raw.put("settings", settingsJson(wrkVersion));
      raw.put("loadAverageBefore", loadAverage());
      measure(barePort, server);
    } finally {
      progress("stopping");
      server.close();
      bare.stop();
      deleteTree(work);
    }
    if (!args.batchOnly()) {
      ingestOnTmpfs(options);
    }
    raw.put("loadAverageAfter", loadAverage());
    String table = table();
    System.out.println(table);
    System.out.flush();
    Files.createDirectories(runDir);
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> rowsJson = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scenario", r.scenario());
      m.put("requestsPerSecond", r.rps());
      m.put("ratioVsBare", r.ratio() == null ? null : r.ratio().get(0));
      m.put(
          "ratioVsBareRange",
          r.ratio() == null ? null : new double[] {r.ratio().get(1), r.ratio().get(2)});
      m.put("p50Ms", r.p50());
      m.put("p99Ms", r.p99());
      m.put("p999Ms", r.p999());
      m.put("target", r.target());
      m.put("met", r.met());
      rowsJson.add(m);
    }
    out.put("rows", rowsJson);
    out.putAll(raw);
    out.put("tableMarkdown", table);
    Path metrics = runDir.resolve("metrics.json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(metrics.toFile(), out);
    progress("wrote " + metrics);
  }

  /** /proc/loadavg (the machine is shared: other work shows here), or null. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return null;
    }
  }

  private Map<String, Object> settingsJson(String wrkVersion) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("data", args.data().toAbsolutePath().toString());
    s.put("models", args.models().toAbsolutePath().toString());
    s.put("secondsPerMeasurement", args.seconds());
    s.put("warmupSecondsPerScenario", args.warmup());
    s.put("wrk", wrkVersion);
    s.put("wrkSettings", wrk.settings());
    s.put("openLoopConnections", OPEN_LOOP_CONNECTIONS);
    s.put("openLoopRate", args.rate());
    s.put("serviceInProcess", true);
    return s;
  }

  // ---------------------------------------------------------------------------------------------

  private void measure(int barePort, Server server) throws Exception {
    int port = server.port();
    List<Asset> assets = assets(port);
    progress("assets: " + assets);
    String factor = server.engine().factorSymbol();
    Asset first = assets.get(0);
    String bareUrl = "http://" + HOST + ":" + barePort + "/const";
    String thrPath = "/v1/assets/" + first.symbol() + "/thresholds";
    String thrUrl = "http://" + HOST + ":" + port + thrPath;
    String assessUrl = "http://" + HOST + ":" + port + "/v1/positions/assess";
    Path tmp = Files.createTempDirectory("liqopt-bench-serve-wrk-");
    try {
      // positions: fixed seed, about a fifth liquidatable
      List<PositionOut> batch = positions(assets, 10_000, new Random(42));
      byte[] one = JSON.writeValueAsBytes(Map.of("position", batch.get(0)));
      byte[] hundred = JSON.writeValueAsBytes(Map.of("positions", batch.subList(0, 100)));
      Path oneFile = tmp.resolve("assess-1.json");
      Path hundredFile = tmp.resolve("assess-100.json");
      Files.write(oneFile, one);
      Files.write(hundredFile, hundred);
      Path oneLua = Wrk.postScript(tmp, "assess-1", oneFile);
      Path hundredLua = Wrk.postScript(tmp, "assess-100", hundredFile);
      checkOk(port, HttpConn.request("POST", HOST, port, "/v1/positions/assess", one), "assess 1");
      checkOk(port, HttpConn.request("GET", HOST, port, thrPath, null), "thresholds");
      checkOk(barePort, HttpConn.request("GET", HOST, barePort, "/const", null), "bare");
      if (args.batchOnly()) {
        batch10k(port, barePort, batch, "full");
        batch10k(port, barePort, batch, "compact");
        return;
      }

      // closed loop (wrk): a warm-up run per target, then ROUNDS rounds of bare, thresholds,
      // assess 1, assess 100 back to back; a ratio is taken within its round (the machine is
      // shared, its load drifts), the table gives the medians over the rounds
      String[] names = {"bare", "thresholds", "assess1", "assess100"};
      String[] urls = {bareUrl, thrUrl, assessUrl, assessUrl};
      Path[] scripts = {null, null, oneLua, hundredLua};
      for (int i = 0; i < names.length; i++) {
        progress("wrk " + names[i] + ": warm-up " + args.warmup() + " s");
        wrk.run(urls[i], args.warmup(), scripts[i]);
      }
      int per = Math.max(2, args.seconds() / 2);
      Wrk.Result[][] closed = new Wrk.Result[ROUNDS][names.length];
      for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < names.length; i++) {
          closed[r][i] =
              wrk("round " + (r + 1) + "/" + ROUNDS + " " + names[i], urls[i], per, scripts[i]);
        }
      }
      double[] medRps = new double[names.length];
      double[][] ratioStats = new double[names.length][];
      Map<String, Object> wrkJson = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        double[] rps = new double[ROUNDS];
        double[] ratio = new double[ROUNDS];
        List<Object> runs = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
          rps[r] = closed[r][i].rps();
          ratio[r] = closed[r][i].rps() / closed[r][0].rps();
          runs.add(wrkJson(closed[r][i]));
        }
        medRps[i] = median(rps);
        Arrays.sort(ratio);
        ratioStats[i] = new double[] {median(ratio), ratio[0], ratio[ROUNDS - 1]};
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("medianRequestsPerSecond", medRps[i]);
        m.put("medianRatioVsBare", ratioStats[i][0]);
        m.put("minRatioVsBare", ratioStats[i][1]);
        m.put("maxRatioVsBare", ratioStats[i][2]);
        m.put("rounds", runs);
        wrkJson.put(names[i], m);
        progress(
            String.format(
                Locale.ROOT,
                "wrk %s: median %.0f req/s, ratio vs bare %.2f " + "(rounds %.2f–%.2f)",
                names[i],
                medRps[i],
                ratioStats[i][0],
                ratioStats[i][1],
                ratioStats[i][2]));
      }
      raw.put("closedLoopWrk", wrkJson);
      double bareRps = medRps[0];
      Wrk.Result thr = new Wrk.Result(medRps[1], -1, Map.of(), nonOk(closed, 1), 0, "");
      Wrk.Result a1 = new Wrk.Result(medRps[2], -1, Map.of(), nonOk(closed, 2), 0, "");
      Wrk.Result a100 = new Wrk.Result(medRps[3], -1, Map.of(), nonOk(closed, 3), 0, "");

      // open loop at a fixed rate
      double rate = args.rate();
      OpenLoopLoad.Result bareLat =
          openLoop(
              "bare GET /const",
              barePort,
              HttpConn.request("GET", HOST, barePort, "/const", null),
              rate);
      OpenLoopLoad.Result thrLat =
          openLoop(
              "GET thresholds", port, HttpConn.request("GET", HOST, port, thrPath, null), rate);
      OpenLoopLoad.Result a1Lat =
          openLoop(
              "POST assess 1",
              port,
              HttpConn.request("POST", HOST, port, "/v1/positions/assess", one),
              rate);
      // 100 positions: at most half the closed-loop maximum, so the rate is sustainable
      double rate100 = Math.max(50, Math.min(rate, Math.floor(a100.rps() / 2 / 50) * 50));
      OpenLoopLoad.Result a100Lat =
          openLoop(
              "POST assess 100",
              port,
              HttpConn.request("POST", HOST, port, "/v1/positions/assess", hundred),
              rate100);

      rows.add(
          new Row(
              "bare Javalin GET /const (~1 KB JSON); latency @ " + fmtRate(rate),
              bareRps,
              List.of(ratioStats[0][0], ratioStats[0][1], ratioStats[0][2]),
              bareLat.percentileMs(50),
              bareLat.percentileMs(99),
              bareLat.percentileMs(99.9),
              "—",
              "—"));
      double thrRatio = ratioStats[1][0];
      boolean thrMet =
          thrRatio >= 0.6
              && thrLat.percentileMs(99) <= 2.0
              && thrLat.rate() >= 0.95 * TARGET_RATE
              && thrLat.errors() == 0
              && thr.non2xx() == 0
              && rate >= TARGET_RATE;
      rows.add(
          new Row(
              "GET /v1/assets/{symbol}/thresholds; latency @ " + fmtRate(rate),
              thr.rps(),
              List.of(ratioStats[1][0], ratioStats[1][1], ratioStats[1][2]),
              thrLat.percentileMs(50),
              thrLat.percentileMs(99),
              thrLat.percentileMs(99.9),
              "≥ 60 % of bare; p99 ≤ 2 ms @ 1 000 req/s",
              thrMet
                  ? "yes"
                  : "no ("
                      + (thrRatio >= 0.6 ? "" : "ratio")
                      + (thrRatio < 0.6 && thrLat.percentileMs(99) > 2.0 ? ", " : "")
                      + (thrLat.percentileMs(99) <= 2.0 ? "" : "p99")
                      + ")"));
      rows.add(
          new Row(
              "POST /v1/positions/assess, 1 position; latency @ " + fmtRate(rate),
              a1.rps(),
              List.of(ratioStats[2][0], ratioStats[2][1], ratioStats[2][2]),
              a1Lat.percentileMs(50),
              a1Lat.percentileMs(99),
              a1Lat.percentileMs(99.9),
              "—",
              "—"));
      rows.add(
          new Row(
              "POST /v1/positions/assess, 100 positions; latency @ " + fmtRate(rate100),
              a100.rps(),
              List.of(ratioStats[3][0], ratioStats[3][1], ratioStats[3][2]),
              a100Lat.percentileMs(50),
              a100Lat.percentileMs(99),
              a100Lat.percentileMs(99.9),
              "—",
              "—"));

      Map<String, Object> olJson = new LinkedHashMap<>();
      olJson.put("bare", openJson(bareLat, rate));
      olJson.put("thresholds", openJson(thrLat, rate));
      olJson.put("assess1", openJson(a1Lat, rate));
      olJson.put("assess100", openJson(a100Lat, rate100));
      raw.put("openLoop", olJson);
      raw.put("requestBytes", Map.of("assess1", one.length, "assess100", hundred.length));

      batch10k(port, barePort, batch, "full");
      batch10k(port, barePort, batch, "compact");
      raw.put("fsyncProbe", fsyncProbe(tmp));
      ingest(port, assets, factor, "", "ingestDisk");
    } finally {
      deleteTree(tmp);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "…";
  }

  /** A byte buffer whose array can be sent or parsed in place. */
  static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    byte[] bytes() {
      return buf;
    }
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }

  private static long nonOk(Wrk.Result[][] closed, int i) {
    long n = 0;
    for (Wrk.Result[] round : closed) {
      n += round[i].non2xx() + round[i].socketErrors();
    }
    return n;
  }

  private Wrk.Result wrk(String label, String url, int seconds, Path script) throws Exception {
    Wrk.Result r = wrk.run(url, seconds, script);
    progress(
        String.format(
            Locale.ROOT,
            "wrk %s: %.0f req/s, p50 %.3f ms, p99 %.3f ms, " + "non-2xx %d, socket errors %d",
            label,
            r.rps(),
            r.latencyMs().getOrDefault("p50", Double.NaN),
            r.latencyMs().getOrDefault("p99", Double.NaN),
            r.non2xx(),
            r.socketErrors()));
    if (r.non2xx() > 0 || r.socketErrors() > 0) {
      progress("WARNING: " + label + " had errors:\n" + r.output());
    }
    return r;
  }

  private OpenLoopLoad.Result openLoop(String label, int port, byte[] request, double rate)
      throws Exception {
    progress("open loop " + label + " @ " + fmtRate(rate) + ": warm-up " + args.warmup() + " s");
    OpenLoopLoad.run(HOST, port, request, rate, args.warmup(), OPEN_LOOP_CONNECTIONS);
    OpenLoopLoad.Result r =
        OpenLoopLoad.run(HOST, port, request, rate, args.seconds(), OPEN_LOOP_CONNECTIONS);
    progress(
        String.format(
            Locale.ROOT,
            "open loop %s: %.0f req/s done, p50 %.3f ms, p99 %.3f "
                + "ms, p99.9 %.3f ms, max %.3f ms, errors %d",
            label,
            r.rate(),
            r.percentileMs(50),
            r.percentileMs(99),
            r.percentileMs(99.9),
            r.percentileMs(100),
            r.errors()));
    return r;
  }

  /**
   * Single requests of 10 000 positions (after 50 warm-ups), one connection; each is followed by
   * the same request bytes sent to the bare app's {@code /sink}, which answers the service's bytes
   * without parsing or computing anything: the transport floor of the same exchange, measured in
   * the same run.
   */
  private void batch10k(int port, int barePort, List<PositionOut> batch, String view)
      throws Exception {
    // the first requests of a view run code the JIT has not compiled yet (about 20 of them were
    // slower, up to twice the steady p50): they are sent as warm-up and reported on their own
    int warm = 50;
    int measured = args.batchRequests();
    progress(
        "assess 10 000 positions, view "
            + view
            + ": "
            + warm
            + " warm-up + "
            + measured
            + " requests, each followed by the same bytes to the bare app's /sink");
    long[] e2e = new long[measured];
    long[] roundTrip = new long[measured];
    long[] write = new long[measured];
    long[] parse = new long[measured];
    long[] floor = new long[measured];
    long[] warmE2e = new long[warm];
    // the service's read stage (its Server-Timing): the request body's transfer in
    long[] serviceRead = new long[measured];
    // each request's chunks beyond a batch's first: how many a helper ran, how many the request
    // thread ran (the service runs in this JVM, so its counters are read directly)
    long[] helperChunks = new long[measured];
    long[] takenBack = new long[measured];
    // the service's own time (its Server-Timing header): from its read of the request's head to
    // its answer made, the body's transfer in included
    long[] service = new long[measured];
    // collections that ran during each request (client and service share this JVM's heap)
    long[] collections = new long[measured];
    long[] collectionMs = new long[measured];
    long liquidatable = -1;
    long assessed = -1;
    int requestBytes = 0;
    int responseBytes = 0;
    Map<String, Object> body = Map.of("positions", batch);
    // the client reuses its buffers, as a keeper polling a large book would: the request is
    // written into one buffer and sent from it, the answer read into another and parsed there
    Buffer json = new Buffer(1 << 21);
    Buffer resp = new Buffer(1 << 21);
    Buffer sunk = new Buffer(1 << 21);
    try (HttpConn conn = new HttpConn(HOST, port);
        HttpConn bareConn = new HttpConn(HOST, barePort)) {
      for (int i = 0; i < warm + measured; i++) {
        long gc0 = GcCounts.count();
        long gcMs0 = GcCounts.millis();
        long helpers0 = Chunks.ranOnHelpers();
        long back0 = Chunks.takenBack();
        long t0 = System.nanoTime();
        json.reset();
        JSON.writeValue(json, body);
        byte[] head =
            HttpConn.head("POST", HOST, port, "/v1/positions/assess?view=" + view, json.size());
        long t1 = System.nanoTime();
        resp.reset();
        int status = conn.exchange(head, json.bytes(), json.size(), resp);
        long t2 = System.nanoTime();
        JsonNode tree = JSON.readTree(resp.bytes(), 0, resp.size());
        long t3 = System.nanoTime();
        long gc1 = GcCounts.count();
        long gcMs1 = GcCounts.millis();
        long helpers1 = Chunks.ranOnHelpers();
        long back1 = Chunks.takenBack();
        if (status != 200) {
          throw new IllegalStateException(
              "assess 10 000: status "
                  + status
                  + ": "
                  + abbreviate(resp.toString(StandardCharsets.UTF_8)));
        }
        if (SINK_ANSWER.get().length != resp.size()) { // the floor answers as many bytes
          SINK_ANSWER.set(resp.toByteArray());
        }
        byte[] sinkHead = HttpConn.head("POST", HOST, barePort, "/sink", json.size());
        sunk.reset();
        long t4 = System.nanoTime();
        int sinkStatus = bareConn.exchange(sinkHead, json.bytes(), json.size(), sunk);
        long t5 = System.nanoTime();
        if (sinkStatus != 200 || sunk.size() != resp.size()) {
          throw new IllegalStateException(
              "bare /sink: status "
                  + sinkStatus
                  + ", "
                  + sunk.size()
                  + " bytes against the service's "
                  + resp.size());
        }
        if (i < warm) {
          warmE2e[i] = t3 - t0;
        } else {
          e2e[i - warm] = t3 - t0;
          roundTrip[i - warm] = t2 - t1;
          write[i - warm] = t1 - t0;
          parse[i - warm] = t3 - t2;
          floor[i - warm] = t5 - t4;
          service[i - warm] = conn.serverNanos();
          serviceRead[i - warm] = conn.serverNanos("read");
          if (service[i - warm] < 0 || serviceRead[i - warm] < 0) {
            throw new IllegalStateException(
                "assess 10 000: the answer has no Server-Timing app and read entries (a service"
                    + " older than the benchmark?)");
          }
          helperChunks[i - warm] = helpers1 - helpers0;
          takenBack[i - warm] = back1 - back0;
          collections[i - warm] = gc1 - gc0;
          collectionMs[i - warm] = gcMs1 - gcMs0;
        }
        if (i == 0) {
          assessed = tree.path("assessed").asLong();
          liquidatable = 0;
          for (JsonNode r : tree.path("results")) {
            if (r.path("assessment").path("liquidatable").asBoolean()
                || r.path("liquidatable").asBoolean()) {
              liquidatable++;
            }
          }
          requestBytes = json.size();
          responseBytes = resp.size();
          progress(
              "assess 10 000: "
                  + assessed
                  + " assessed, "
                  + liquidatable
                  + " liquidatable; request "
                  + json.size()
                  + " B, response "
                  + resp.size()
                  + " B");
        }
      }
    }
    long[] withGc =
        IntStream.range(0, measured)
            .filter(k -> collections[k] > 0)
            .mapToLong(k -> e2e[k])
            .sorted()
            .toArray();
    long[] withoutGc =
        IntStream.range(0, measured)
            .filter(k -> collections[k] == 0)
            .mapToLong(k -> e2e[k])
            .sorted()
            .toArray();
    // the machine's slow moments: do the slowest requests coincide with slow transport-floor
    // exchanges (each sent right after its request)? Kept in request order for that question.
    progress(
        String.format(
            Locale.ROOT,
            "assess 10 000: the %d warm-up requests (not counted): the first %.1f ms, the slowest"
                + " %.1f ms, the last ten's median %.1f ms",
            warm,
            warmE2e[0] / 1e6,
            Arrays.stream(warmE2e).max().orElse(0) / 1e6,
            OpenLoopLoad.percentileNs(
                    Arrays.stream(warmE2e, Math.max(0, warm - 10), warm).sorted().toArray(), 50)
                / 1e6));
    long[] e2eInOrder = e2e.clone();
    long[] serviceInOrder = service.clone();
    long[] floorInOrder = floor.clone();
    int tail = Math.max(1, measured / 100);
    int slowWithSlowFloor = slowAlongside(e2eInOrder, floorInOrder, tail);
    Arrays.sort(e2e);
    Arrays.sort(roundTrip);
    Arrays.sort(write);
    Arrays.sort(parse);
    Arrays.sort(floor);
    Arrays.sort(service);
    double p50 = OpenLoopLoad.percentileNs(e2e, 50) / 1e6;
    double p99 = OpenLoopLoad.percentileNs(e2e, 99) / 1e6;
    double max = e2e[e2e.length - 1] / 1e6;
    double mean = Arrays.stream(e2e).average().orElse(Double.NaN) / 1e6;
    progress(
        String.format(
            Locale.ROOT,
            "assess 10 000: end to end p50 %.1f ms, p99 %.1f ms, max %.1f ms; of which client"
                + " JSON write p50 %.1f ms, HTTP round trip p50 %.1f ms (p99 %.1f ms), client"
                + " JSON parse p50 %.1f ms",
            p50,
            p99,
            max,
            OpenLoopLoad.percentileNs(write, 50) / 1e6,
            OpenLoopLoad.percentileNs(roundTrip, 50) / 1e6,
            OpenLoopLoad.percentileNs(roundTrip, 99) / 1e6,
            OpenLoopLoad.percentileNs(parse, 50) / 1e6));
    progress(
        String.format(
            Locale.ROOT,
            "assess 10 000: the transport floor (the same bytes through the bare app's /sink):"
                + " p50 %.1f ms, p99 %.1f ms; the service's round trip over it at p50: %.2f×",
            OpenLoopLoad.percentileNs(floor, 50) / 1e6,
            OpenLoopLoad.percentileNs(floor, 99) / 1e6,
            OpenLoopLoad.percentileNs(roundTrip, 50) / OpenLoopLoad.percentileNs(floor, 50)));
    progress(
        String.format(
            Locale.ROOT,
            "assess 10 000: %d of %d requests had a collection in them (%d ms of pauses in all):"
                + " end to end p50 %.1f ms with one, %.1f ms without; without one, p99 %.1f ms",
            withGc.length,
            measured,
            Arrays.stream(collectionMs).sum(),
            withGc.length == 0 ? Double.NaN : OpenLoopLoad.percentileNs(withGc, 50) / 1e6,
            withoutGc.length == 0 ? Double.NaN : OpenLoopLoad.percentileNs(withoutGc, 50) / 1e6,
            withoutGc.length == 0 ? Double.NaN : OpenLoopLoad.percentileNs(withoutGc, 99) / 1e6));
    int slowWithSlowService = slowAlongside(e2eInOrder, serviceInOrder, tail);
    // the requests of the longest service time: their read stage and the helpers' share of their
    // chunks, against all requests'
    long slowHelpers = 0;
    long slowHanded = 0;
    long slowRead = 0;
    long slowService = 0;
    for (int k : slowest(serviceInOrder, tail)) {
      slowHelpers += helperChunks[k];
      slowHanded += helperChunks[k] + takenBack[k];
      slowRead += serviceRead[k];
      slowService += serviceInOrder[k];
    }
    long[] readSorted = serviceRead.clone();
    Arrays.sort(readSorted);
    progress(
        String.format(
            Locale.ROOT,
            "assess 10 000: the service's read of the body (its transfer in): p50 %.1f ms, p99 %.1f"
                + " ms; in the %d requests of the longest service time, %.1f of their %.1f ms on"
                + " average",
            OpenLoopLoad.percentileNs(readSorted, 50) / 1e6,
            OpenLoopLoad.percentileNs(readSorted, 99) / 1e6,
            tail,
            slowRead / 1e6 / tail,
            slowService / 1e6 / tail));
    long allHelpers = Arrays.stream(helperChunks).sum();
    long allHanded = allHelpers + Arrays.stream(takenBack).sum();
    progress(
        String.format(
            Locale.ROOT,
            "assess 10 000: chunks handed to the helper threads and run by one: %.0f %% of %d in"
                + " all; %.0f %% of %d in the %d requests of the longest service time",
            allHanded == 0 ? Double.NaN : 100.0 * allHelpers / allHanded,
            allHanded,
            slowHanded == 0 ? Double.NaN : 100.0 * slowHelpers / slowHanded,
            slowHanded,
            tail));
    progress(
        String.format(
            Locale.ROOT,
            "assess 10 000: the service's own time (Server-Timing): p50 %.1f ms, p99 %.1f ms;"
                + " of the %d slowest requests end to end, %d had it above its p90 (%.1f ms)",
            OpenLoopLoad.percentileNs(service, 50) / 1e6,
            OpenLoopLoad.percentileNs(service, 99) / 1e6,
            tail,
            slowWithSlowService,
            OpenLoopLoad.percentileNs(service, 90) / 1e6));
    progress(
        String.format(
            Locale.ROOT,
            "assess 10 000: of the %d slowest requests end to end (the top 1 %%), %d had their"
                + " transport-floor exchange above the floor's p90 (%.1f ms); by chance: %.1f",
            tail,
            slowWithSlowFloor,
            OpenLoopLoad.percentileNs(floor, 90) / 1e6,
            tail * 0.1));
    String met = p99 <= 50 ? "yes" : p50 <= 50 ? "p50 yes, p99 no" : "no";
    rows.add(
        new Row(
            "POST assess, 10 000 positions, view="
                + view
                + ", end to end ("
                + measured
                + " sequential requests; p99.9 column: max)",
            1000.0 / mean,
            null,
            p50,
            p99,
            max,
            "≤ 50 ms p99 end to end",
            met));
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("requests", measured);
    j.put("warmup", warm);
    j.put("assessed", assessed);
    j.put("liquidatable", liquidatable);
    j.put("requestBytes", requestBytes);
    j.put("responseBytes", responseBytes);
    j.put("endToEndMs", Arrays.stream(e2e).mapToDouble(v -> v / 1e6).toArray());
    j.put("httpRoundTripMs", Arrays.stream(roundTrip).mapToDouble(v -> v / 1e6).toArray());
    j.put("clientWriteMs", Arrays.stream(write).mapToDouble(v -> v / 1e6).toArray());
    j.put("clientParseMs", Arrays.stream(parse).mapToDouble(v -> v / 1e6).toArray());
    j.put("transportFloorMs", Arrays.stream(floor).mapToDouble(v -> v / 1e6).toArray());
    j.put(
        "endToEndInRequestOrderMs", Arrays.stream(e2eInOrder).mapToDouble(v -> v / 1e6).toArray());
    j.put(
        "transportFloorInRequestOrderMs",
        Arrays.stream(floorInOrder).mapToDouble(v -> v / 1e6).toArray());
    j.put(
        "warmupEndToEndInRequestOrderMs",
        Arrays.stream(warmE2e).mapToDouble(v -> v / 1e6).toArray());
    j.put("collectionsInRequestOrder", collections);
    j.put("serviceMs", Arrays.stream(service).mapToDouble(v -> v / 1e6).toArray());
    j.put(
        "serviceInRequestOrderMs",
        Arrays.stream(serviceInOrder).mapToDouble(v -> v / 1e6).toArray());
    j.put("slowestEndToEndWithServiceAboveP90", slowWithSlowService);
    j.put(
        "serviceReadInRequestOrderMs",
        Arrays.stream(serviceRead).mapToDouble(v -> v / 1e6).toArray());
    j.put("helperChunksInRequestOrder", helperChunks);
    j.put("chunksTakenBackInRequestOrder", takenBack);
    j.put("slowestEndToEnd", tail);
    j.put("slowestEndToEndWithFloorAboveP90", slowWithSlowFloor);
    j.put("requestsWithCollection", withGc.length);
    j.put("collectionPauseMs", Arrays.stream(collectionMs).sum());
    j.put("endToEndWithCollectionMs", Arrays.stream(withGc).mapToDouble(v -> v / 1e6).toArray());
    j.put(
        "endToEndWithoutCollectionMs",
        Arrays.stream(withoutGc).mapToDouble(v -> v / 1e6).toArray());
    j.put(
        "definition",
        "end to end: client writes the JSON, sends, the service parses, validates, assesses and"
            + " writes its JSON, the client reads and parses it; round trip: from the first byte"
            + " sent to the last byte received");
    raw.put("assess10k-" + view, j);
  }

  /**
   * How many of the {@code tail} largest of {@code slow} have their {@code alongside} (the same
   * index) above the 90th percentile of {@code alongside}.
   */
  static int slowAlongside(long[] slow, long[] alongside, int tail) {
    long[] sorted = alongside.clone();
    Arrays.sort(sorted);
    double p90 = OpenLoopLoad.percentileNs(sorted, 90);
    int n = 0;
    for (int k : slowest(slow, tail)) {
      if (alongside[k] > p90) {
        n++;
      }
    }
    return n;
  }

  /** The indices of the {@code tail} largest values of {@code v}, largest first. */
  static int[] slowest(long[] v, int tail) {
    return IntStream.range(0, v.length)
        .boxed()
        .sorted((x, y) -> Long.compare(v[y], v[x]))
        .limit(tail)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * The ingest scenarios once more, on a second service whose store copy lives on tmpfs ({@code
   * /dev/shm}), where fsync costs next to nothing: the difference to the disk run is what the three
   * fsyncs of an ingest (log append; governor state: temporary file and folder) cost.
   */
  private void ingestOnTmpfs(Server.Options disk) throws Exception {
    Path shm = Path.of("/dev/shm");
    if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
      progress("no writable /dev/shm: the tmpfs ingest comparison is skipped");
      return;
    }
    Path work = Files.createTempDirectory(shm, "liqopt-bench-serve-");
    try {
      Path data = work.resolve("data");
      progress("copying " + args.data() + " to " + data + " (tmpfs) for the ingest comparison");
      copyTree(args.data(), data);
      ThresholdEngine.Settings d = disk.settings();
      ThresholdEngine.Settings settings =
          new ThresholdEngine.Settings(
              data,
              d.modelsDir(),
              d.policy(),
              d.baseline(),
              d.clock(),
              d.historyDays(),
              d.dashboardHours(),
              d.factorSymbol(),
              d.stressLevel(),
              d.quantileTrackingGamma());
      Server.Options options =
          new Server.Options(
              HOST,
              0,
              settings,
              disk.limits(),
              disk.token(),
              disk.refresh(),
              disk.compactEvery(),
              disk.drainTimeout());
      Server server =
          Server.start(options, InstantSource.system(), l -> progress("serve (tmpfs): " + l));
      try {
        raw.put("fsyncProbeTmpfs", fsyncProbe(work));
        ingest(
            server.port(),
            assets(server.port()),
            server.engine().factorSymbol(),
            " [store on tmpfs]",
            "ingestTmpfs");
      } finally {
        server.close();
      }
    } finally {
      deleteTree(work);
    }
  }

  /** One bar per request, closed loop on one connection. */
  private void ingest(int port, List<Asset> assets, String factor, String where, String key)
      throws Exception {
    Map<String, long[]> next = new LinkedHashMap<>();
    Map<String, double[]> close = new LinkedHashMap<>();
    for (Asset a : assets) {
      next.put(a.symbol(), new long[] {a.dataTimeMs()});
      close.put(a.symbol(), new double[] {a.price()});
    }
    List<String> others =
        assets.stream().map(Asset::symbol).filter(s -> !s.equals(factor)).toList();
    Map<String, Object> j = new LinkedHashMap<>();
    int secs = Math.max(3, args.seconds() / 2);
    Random rnd = new Random(7);
    for (boolean factorOnly : new boolean[] {false, true}) {
      List<String> symbols = factorOnly ? List.of(factor) : others;
      if (symbols.isEmpty()) {
        continue;
      }
      String label =
          factorOnly
              ? "ingest, market factor " + factor + " (recomputes every asset)" + where
              : "ingest, other symbols (" + symbols.size() + ", round robin)" + where;
      progress(label + ": " + secs + " s, one bar per request, one connection");
      List<Long> lat = new ArrayList<>();
      int errors = 0;
      try (HttpConn conn = new HttpConn(HOST, port)) {
        long end = System.nanoTime() + secs * 1_000_000_000L;
        long start = System.nanoTime();
        int k = 0;
        while (System.nanoTime() < end) {
          String sym = symbols.get(k++ % symbols.size());
          long t = next.get(sym)[0];
          double open = close.get(sym)[0];
          double c = open * Math.exp(0.004 * rnd.nextGaussian());
          double hi = Math.max(open, c) * (1 + 0.002 * Math.abs(rnd.nextGaussian()));
          double lo = Math.min(open, c) * (1 - 0.002 * Math.abs(rnd.nextGaussian()));
          Map<String, Object> bar = new LinkedHashMap<>();
          bar.put("openTimeMs", t);
          bar.put("open", open);
          bar.put("high", hi);
          bar.put("low", lo);
          bar.put("close", c);
          bar.put("volume", 1000 + 500 * rnd.nextDouble());
          byte[] body =
              JSON.writeValueAsBytes(
                  Map.of(
                      "series",
                      List.of(Map.of("symbol", sym, "interval", "1h", "bars", List.of(bar)))));
          byte[] req =
              HttpConn.request(
                  "POST", HOST, port, "/v1/market/bars", body, "Authorization: Bearer " + TOKEN);
          ByteArrayOutputStream resp = new ByteArrayOutputStream();
          long t0 = System.nanoTime();
          int status = conn.exchange(req, resp);
          lat.add(System.nanoTime() - t0);
          if (status != 200) {
            errors++;
            if (errors == 1) {
              progress(
                  "WARNING: ingest "
                      + sym
                      + " at "
                      + Instant.ofEpochMilli(t)
                      + ": "
                      + status
                      + " "
                      + resp.toString(StandardCharsets.UTF_8));
            }
            if (errors > 5) {
              throw new IllegalStateException("ingest keeps failing; see above");
            }
            continue;
          }
          next.get(sym)[0] = t + 3_600_000L;
          close.get(sym)[0] = c;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        double rps = sorted.length / elapsed;
        double p50 = OpenLoopLoad.percentileNs(sorted, 50) / 1e6;
        double p99 = OpenLoopLoad.percentileNs(sorted, 99) / 1e6;
        double p999 = OpenLoopLoad.percentileNs(sorted, 99.9) / 1e6;
        progress(
            String.format(
                Locale.ROOT,
                "%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d",
                label,
                rps,
                p50,
                p99,
                errors));
        rows.add(
            new Row(
                "POST /v1/market/bars, 1 bar/request, "
                    + label.substring(8)
                    + "; closed loop, 1 connection",
                rps,
                null,
                p50,
                p99,
                p999,
                "—",
                "—"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbols", symbols);
        m.put("requests", sorted.length);
        m.put("errors", errors);
        m.put("seconds", elapsed);
        m.put("requestsPerSecond", rps);
        m.put("p50Ms", p50);
        m.put("p99Ms", p99);
        m.put("p999Ms", p999);
        m.put("maxMs", sorted.length == 0 ? null : sorted[sorted.length - 1] / 1e6);
        j.put(factorOnly ? "factor" : "others", m);
      }
    }
    raw.put(key, j);
  }

  /** The median time of a 100-byte append plus fsync in {@code dir} (for context). */
  private static double fsyncProbe(Path dir) throws IOException {
    Path f = dir.resolve("fsync-probe");
    long[] t = new long[50];
    int warm = 5; // the first forces of a new file also write its metadata
    try (FileChannel ch =
        FileChannel.open(
            f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.allocate(100);
      for (int i = -warm; i < t.length; i++) {
        b.clear();
        long t0 = System.nanoTime();
        ch.write(b);
        ch.force(false);
        if (i >= 0) {
          t[i] = System.nanoTime() - t0;
        }
      }
    }
    Files.delete(f);
    Arrays.sort(t);
    double ms = OpenLoopLoad.percentileNs(t, 50) / 1e6;
    progress(
        String.format(
            Locale.ROOT,
            "fsync probe: 100-byte append + force, p50 %.3f ms " + "(in %s)",
            ms,
            dir));
    return ms;
  }

  // ---------------------------------------------------------------------------------------------

  /** The bare app: the same Javalin, the same mapper, a fixed ~1 KB object per request. */
  static Javalin bareApp() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", "BTCUSDT");
    body.put("modelId", "20261126-124217-c082b096");
    body.put("mode", "bundle");
    body.put("nowMs", 1704132000000L);
    Map<String, Object> t = new LinkedHashMap<>();
    for (String k :
        List.of(
            "lt",
            "maxLtv",
            "bonus",
            "closeFactor",
            "slippage",
            "volatility24h",
            "stressProbability",
            "quantileThreshold",
            "quantileBuffer",
            "targetLt")) {
      t.put(k, 0.123456789012345);
    }
    body.put("thresholds", t);
    List<Map<String, String>> reasons = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      reasons.add(
          Map.of(
              "code",
              "REASON_" + i,
              "detail",
              "a fixed explanation of some length, "
                  + "number "
                  + i
                  + ", as a reason would carry"));
    }
    body.put("reasons", reasons);
    int size;
    try {
      size = JSON.writeValueAsBytes(body).length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress("bare /const body: " + size + " bytes");
    return Javalin.create(
        cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.http.defaultContentType = "application/json";
          cfg.routes.get(
              "/const",
              ctx -> ctx.contentType("application/json").result(JSON.writeValueAsBytes(body)));
          // the transport floor of a batch: reads the whole body, parses nothing, and answers
          // the bytes the service last answered to the same body
          cfg.routes.post(
              "/sink",
              ctx -> {
                byte[] in = ctx.bodyInputStream().readAllBytes();
                if (in.length == 0) {
                  throw new IllegalStateException("empty body");
                }
                ctx.contentType("application/json").result(SINK_ANSWER.get());
              });
        });
  }

  private static void checkOk(int port, byte[] request, String label) throws IOException {
    try (HttpConn c = new HttpConn(HOST, port)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = c.exchange(request, out);
      if (status != 200) {
        throw new IllegalStateException(
            label + ": status " + status + ": " + out.toString(StandardCharsets.UTF_8));
      }
    }
  }

  private static List<Asset> assets(int port) throws IOException {
    try (HttpConn c = new HttpConn(HOST, port)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = c.exchange(HttpConn.request("GET", HOST, port, "/v1/assets", null), out);
      if (status != 200) {
        throw new IllegalStateException("GET /v1/assets: " + status);
      }
      List<Asset> list = new ArrayList<>();
      for (JsonNode a : JSON.readTree(out.toByteArray()).path("assets")) {
        JsonNode t = a.path("thresholds");
        if (t.isMissingNode() || t.isNull()) {
          continue;
        }
        list.add(
            new Asset(
                a.path("symbol").asText(),
                a.path("price").asDouble(),
                a.path("dataTimeMs").asLong(),
                t.path("lt").asDouble()));
      }
      if (list.isEmpty()) {
        throw new IllegalStateException("no asset has thresholds");
      }
      return list;
    }
  }

  /**
   * Valid positions over the held assets: 1–3 holdings worth 1 000–50 000 each at the current
   * price, debt = (0.5..1.15) × the LT-weighted collateral, so about 23 % are liquidatable. The
   * first is made liquidatable (debt 1.05 × weighted collateral).
   */
  static List<PositionOut> positions(List<Asset> assets, int n, Random rnd) {
    List<PositionOut> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = 1 + rnd.nextInt(Math.min(3, assets.size()));
      List<Asset> pool = new ArrayList<>(assets);
      List<HoldingOut> holdings = new ArrayList<>();
      double weighted = 0;
      for (int h = 0; h < k; h++) {
        Asset a = pool.remove(rnd.nextInt(pool.size()));
        double value = 1_000 + 49_000 * rnd.nextDouble();
        holdings.add(new HoldingOut(a.symbol(), value / a.price()));
        weighted += value * a.lt();
      }
      double f = i == 0 ? 1.05 : 0.5 + 0.65 * rnd.nextDouble();
      out.add(new PositionOut("p" + i, holdings, "USDT", Math.round(weighted * f * 100) / 100.0));
    }
    return out;
  }

  private static Map<String, Object> wrkJson(Wrk.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requestsPerSecond", r.rps());
    m.put("requests", r.requests());
    m.put("closedLoopLatencyMs", r.latencyMs());
    m.put("non2xx", r.non2xx());
    m.put("socketErrors", r.socketErrors());
    return m;
  }

  private static Map<String, Object> openJson(OpenLoopLoad.Result r, double rate) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("targetRate", rate);
    m.put("achievedRate", r.rate());
    m.put("requests", r.requests());
    m.put("errors", r.errors());
    m.put("p50Ms", r.percentileMs(50));
    m.put("p90Ms", r.percentileMs(90));
    m.put("p99Ms", r.percentileMs(99));
    m.put("p999Ms", r.percentileMs(99.9));
    m.put("maxMs", r.percentileMs(100));
    m.put("sendLagP50Ms", r.sendLagPercentileMs(50));
    m.put("sendLagP99Ms", r.sendLagPercentileMs(99));
    return m;
  }

  // ---------------------------------------------------------------------------------------------

  private String table() {
    StringBuilder sb = new StringBuilder();
    sb.append("| scenario | req/s | ratio vs bare | p50 | p99 | p99.9 | target | met? |\n");
    sb.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Row r : rows) {
      sb.append("| ")
          .append(r.scenario())
          .append(" | ")
          .append(r.rps() == null ? "—" : group(r.rps()))
          .append(" | ")
          .append(
              r.ratio() == null
                  ? "—"
                  : String.format(
                      Locale.ROOT,
                      "%.0f %% (%.0f–%.0f)",
                      100 * r.ratio().get(0),
                      100 * r.ratio().get(1),
                      100 * r.ratio().get(2)))
          .append(" | ")
          .append(ms(r.p50()))
          .append(" | ")
          .append(ms(r.p99()))
          .append(" | ")
          .append(ms(r.p999()))
          .append(" | ")
          .append(r.target())
          .append(" | ")
          .append(r.met())
          .append(" |\n");
    }
    return sb.toString();
  }

  static String group(double v) {
    String s = String.format(Locale.ROOT, "%,.0f", v);
    return s.replace(',', ' ');
  }

  static String ms(Double v) {
    if (v == null || v.isNaN()) {
      return "—";
    }
    return String.format(Locale.ROOT, v < 10 ? "%.2f ms" : "%.1f ms", v);
  }

  static String fmtRate(double r) {
    return group(r) + " req/s";
  }

  // ---------------------------------------------------------------------------------------------

  static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      throw new IOException("not a folder: " + from);
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Deletes {@code dir} ({@link AtomicFiles#deleteTree}); a failure is reported, not thrown. */
  static void deleteTree(Path dir) {
    try {
      AtomicFiles.deleteTree(dir);
    } catch (IOException e) {
      progress("could not delete " + dir + ": " + e.getMessage());
    }
  }
}

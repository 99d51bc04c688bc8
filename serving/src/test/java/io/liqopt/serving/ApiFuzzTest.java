package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.constant;
import static org.quicktheories.generators.Generate.frequency;
import static org.quicktheories.generators.Generate.oneOf;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.RawHttp.Framing;
import io.liqopt.serving.RawHttp.Reply;
import io.liqopt.serving.RawHttp.Request;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Fuzzes the API of one real server (baseline EWMA, data clock, synthetic store) over raw sockets
 * ({@link RawHttp}), so that request lines, headers and bodies can be anything a client could send.
 * Fixed seeds: the same requests every run. Thousands of mutated bodies, random paths and methods,
 * and random Authorization headers: no answer is a 5xx, every error is a problem+json with the HTTP
 * status and no internals (exception names, package names, stack frames). Afterwards the server is
 * still healthy and still answers valid requests. The statuses seen are summed up on stderr.
 */
class ApiFuzzTest {
  private static final long HOUR_MS = 3_600_000L;

  /** Responses by property, then by status. */
  private static final Map<String, Map<Integer, LongAdder>> STATUSES =
      new ConcurrentSkipListMap<>();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Each example is a request to the server: a failure is shrunk for a bounded while only. */
  private static final int SHRINK_CYCLES = 200;

  private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  static Path dir;
  static Server server;
  static String btc;
  static String other;
  static BarSeries extra;
  static long otherLastOpenMs;
  static double btcPrice;
  static long startedNs;

  @BeforeAll
  static void start() throws IOException {
    startedNs = System.nanoTime();
    dir = Files.createTempDirectory("liqopt-api-fuzz");
    List<BarSeries> market = TestService.market(3);
    TestService.store(dir.resolve("data"), market.subList(0, 2));
    btc = market.get(0).symbol();
    other = market.get(1).symbol();
    otherLastOpenMs = market.get(1).lastOpenTimeMs();
    extra = market.get(2);
    server =
        TestService.start(
            TestService.options(
                    dir.resolve("data"), dir.resolve("models"), "ewma", TestService.TOKEN)
                .withLive(io.liqopt.serving.feeds.LiveOptions.PUSH_ONLY)
                .withBook(io.liqopt.serving.book.BookOptions.DEFAULTS));
    btcPrice =
        TestService.get(server, "/v1/assets/" + btc + "/thresholds")
            .expect(200)
            .json()
            .get("price")
            .asDouble();
    // the starting points of the mutations are valid: each is answered 200 as it is
    for (Base b : Base.values()) {
      if (b != Base.INGEST) {
        Reply r =
            send(
                new Request(
                    b.method,
                    b.path,
                    b.token ? List.of(bearer(TestService.TOKEN)) : List.of(),
                    "application/json",
                    b.body(0).getBytes(StandardCharsets.UTF_8),
                    Framing.LENGTH));
        assertEquals(200, r.status(), () -> b + ": " + r.bodyText());
      }
    }
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      assertStillHealthy();
    } finally {
      Map<Integer, Long> all = new TreeMap<>();
      StringBuilder each = new StringBuilder();
      STATUSES.forEach(
          (property, counts) -> {
            counts.forEach((status, n) -> all.merge(status, n.sum(), Long::sum));
            each.append("; ")
                .append(property)
                .append(' ')
                .append(
                    format(
                        counts.entrySet().stream()
                            .collect(
                                Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))));
          });
      System.err.printf(
          Locale.ROOT,
          "ApiFuzzTest: %d requests in %.1f s, by status %s%s%n",
          all.values().stream().mapToLong(Long::longValue).sum(),
          (System.nanoTime() - startedNs) / 1e9,
          format(all),
          each);
      server.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String format(Map<Integer, Long> counts) {
    return new TreeMap<>(counts)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" ", "[", "]"));
  }

  // ---------------------------------------------------------------- 1. mutated valid bodies

  @Test
  void mutatedBodies_neverServerErrorNorLeak() {
    qt().withExamples(1500)
        .withFixedSeed(42L)
        .withShrinkCycles(SHRINK_CYCLES)
        .forAll(mutatedBodies())
        .checkAssert(
            m -> {
              Request r = m.request();
              assertSafe("bodies", r, send(r));
            });
  }

  private static Gen<MutatedBody> mutatedBodies() {
    Gen<String> contentType =
        frequency(
            Pair.of(24, constant("application/json")),
            Pair.of(2, constant("application/json; charset=utf-8")),
            Pair.of(1, constant("APPLICATION/JSON")),
            Pair.of(1, constant("application/json; charset=utf-16")),
            Pair.of(2, constant((String) null)),
            Pair.of(1, constant("")),
            Pair.of(
                1,
                arbitrary()
                    .pick(
                        "text/plain",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x",
                        "application/xml",
                        "*/*",
                        "application/jsonp",
                        "application/problem+json",
                        "json",
                        ";;;",
                        "application/json\u00e9")));
    Gen<Framing> framing =
        frequency(
            Pair.of(16, constant(Framing.LENGTH)),
            Pair.of(2, constant(Framing.CHUNKED)),
            Pair.of(1, constant(Framing.LENGTH_TOO_LONG)),
            Pair.of(1, constant(Framing.NONE)));
    return arbitrary()
        .enumValues(Base.class)
        .zip(
            integers().between(0, 200),
            lists().of(mutation()).ofSizeBetween(0, 4),
            contentType,
            framing,
            MutatedBody::new);
  }

  /** The valid bodies the mutations start from. */
  enum Base {
    ASSESS_ONE("/v1/positions/assess", false),
    ASSESS_BATCH("/v1/positions/assess", false),
    STRESS("/v1/positions/stress", false),
    THRESHOLDS("/v1/thresholds", false),
    THRESHOLDS_CALLER_BARS("/v1/thresholds", false),
    INGEST("/v1/market/bars", true),
    PRICES("/v1/market/prices", true),
    BOOK_PUT("/v1/book/positions/fuzz-1", true, "PUT");

    final String path;
    final boolean token;
    final String method;

    Base(String path, boolean token) {
      this(path, token, "POST");
    }

    Base(String path, boolean token, String method) {
      this.path = path;
      this.token = token;
      this.method = method;
    }

    /** The body; {@code variant} moves the ingested bars (most are conflicts by then). */
    String body(int variant) {
      return switch (this) {
        case ASSESS_ONE -> "{\"position\":" + position("a", btcPrice * 0.3, false) + "}";
        case ASSESS_BATCH ->
            "{\"positions\":["
                + position("a", btcPrice * 0.3, true)
                + ","
                + position("b", btcPrice * 0.99, false)
                + "]}";
        // BTC only: the INGEST bodies make the other asset too illiquid for thresholds, and a
        // stress of an asset without thresholds is a 503 by design
        case STRESS ->
            "{\"position\":"
                + position("s", btcPrice * 0.6, false)
                + ",\"hours\":24,\"paths\":300,\"levels\":[0.99,0.999],\"seed\":7}";
        case THRESHOLDS -> "{\"symbols\":[\"" + btc + "\",\"" + other + "\"]}";
        case THRESHOLDS_CALLER_BARS ->
            "{\"symbols\":[\""
                + btc
                + "\"],\"bars\":{\""
                + extra.symbol()
                + "\":["
                + callerBars(24 * 90)
                + "]}}";
        case INGEST -> {
          long t = otherLastOpenMs + (1 + variant) * HOUR_MS;
          yield "{\"series\":[{\"symbol\":\""
              + other
              + "\",\"interval\":\"1h\",\"bars\":["
              + TestService.bar(t, 10)
              + ","
              + TestService.bar(t + HOUR_MS, 10.1)
              + "]}]}";
        }
        case PRICES ->
            "{\"quotes\":[{\"symbol\":\""
                + btc
                + "\",\"source\":\"a\",\"price\":"
                + btcPrice
                + ",\"timeMs\":"
                + System.currentTimeMillis()
                + "},{\"symbol\":\""
                + btc
                + "\",\"source\":\"b\",\"price\":"
                + btcPrice * 1.001
                + ",\"timeMs\":"
                + System.currentTimeMillis()
                + "}]}";
        case BOOK_PUT ->
            "{\"version\":"
                + (1 + variant)
                + ",\"collateral\":[{\"symbol\":\""
                + btc
                + "\",\"quantity\":2}],\"debtQuote\":"
                + btcPrice
                + "}";
      };
    }
  }

  record MutatedBody(
      Base base, int variant, List<Mutation> mutations, String contentType, Framing framing) {
    Request request() {
      JsonNode root = parse(base.body(variant));
      Map<JsonNode, Set<String>> duplicated = new IdentityHashMap<>();
      for (Mutation m : mutations) {
        if (m instanceof TreeMutation t) {
          root = t.apply(root, duplicated);
        }
      }
      StringBuilder sb = new StringBuilder();
      write(root, sb, duplicated);
      byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
      for (Mutation m : mutations) {
        if (m instanceof ByteMutation b) {
          body = b.apply(body);
        }
      }
      List<String> headers = base.token ? List.of(bearer(TestService.TOKEN)) : List.of();
      return new Request(base.method, base.path, headers, contentType, body, framing);
    }
  }

  sealed interface Mutation permits TreeMutation, ByteMutation {}

  /** A change of the JSON tree; a slot is chosen by depth first, so that every level is hit. */
  sealed interface TreeMutation extends Mutation {
    JsonNode apply(JsonNode root, Map<JsonNode, Set<String>> duplicated);
  }

  record Delete(int depth, int index) implements TreeMutation {
    @Override
    public JsonNode apply(JsonNode root, Map<JsonNode, Set<String>> duplicated) {
      Slot s = Slot.pick(root, depth, index);
      if (s != null) {
        s.remove();
      }
      return root;
    }
  }

  /** An object field written twice, or an array element repeated. */
  record Duplicate(int depth, int index) implements TreeMutation {
    @Override
    public JsonNode apply(JsonNode root, Map<JsonNode, Set<String>> duplicated) {
      Slot s = Slot.pick(root, depth, index);
      if (s != null && s.field != null) {
        duplicated.computeIfAbsent(s.parent, k -> new TreeSet<>()).add(s.field);
      } else if (s != null) {
        ((ArrayNode) s.parent).insert(s.index, s.get().deepCopy());
      }
      return root;
    }
  }

  record Swap(int depthA, int indexA, int depthB, int indexB) implements TreeMutation {
    @Override
    public JsonNode apply(JsonNode root, Map<JsonNode, Set<String>> duplicated) {
      Slot a = Slot.pick(root, depthA, indexA);
      Slot b = Slot.pick(root, depthB, indexB);
      if (a != null && b != null) {
        JsonNode va = a.get().deepCopy();
        JsonNode vb = b.get().deepCopy();
        a.set(vb);
        b.set(va);
      }
      return root;
    }
  }

  /** The value of a slot (or the whole body) replaced by random JSON text. */
  record Replace(int depth, int index, String json) implements TreeMutation {
    @Override
    public JsonNode apply(JsonNode root, Map<JsonNode, Set<String>> duplicated) {
      Slot s = Slot.pick(root, depth, index);
      if (s == null || index % 13 == 0) {
        return raw(json);
      }
      s.set(raw(json));
      return root;
    }
  }

  /** A field added to an object (an unknown name or one of the API's own). */
  record AddField(int depth, int index, String name, String json) implements TreeMutation {
    @Override
    public JsonNode apply(JsonNode root, Map<JsonNode, Set<String>> duplicated) {
      List<JsonNode> objects = new ArrayList<>();
      collectObjects(root, objects);
      if (!objects.isEmpty()) {
        ((ObjectNode) objects.get(Math.floorMod(index, objects.size()))).set(name, raw(json));
      }
      return root;
    }
  }

  /** A value wrapped in {@code levels} arrays or objects. */
  record Wrap(int depth, int index, int levels, boolean inArrays) implements TreeMutation {
    @Override
    public JsonNode apply(JsonNode root, Map<JsonNode, Set<String>> duplicated) {
      Slot s = Slot.pick(root, depth, index);
      JsonNode v = s == null ? root : s.get();
      for (int i = 0; i < levels; i++) {
        v = inArrays ? NODES.arrayNode().add(v) : NODES.objectNode().set("v", v);
      }
      if (s == null) {
        return v;
      }
      s.set(v);
      return root;
    }
  }

  /**
   * Every number of a field ({@code field} null: of every field but open times) multiplied by
   * {@code factor}: values stay well-typed and mutually consistent (OHLC order, bar after bar), so
   * the request gets past validation into the calculations with extreme magnitudes.
   */
  record Scale(String field, double factor) implements TreeMutation {
    @Override
    public JsonNode apply(JsonNode root, Map<JsonNode, Set<String>> duplicated) {
      scale(root);
      return root;
    }

    private void scale(JsonNode n) {
      if (n.isObject()) {
        ObjectNode o = (ObjectNode) n;
        for (Map.Entry<String, JsonNode> e : List.copyOf(o.properties())) {
          String k = e.getKey();
          if (e.getValue().isNumber()
              && !k.equals("openTimeMs")
              && (field == null || field.equals(k))) {
            o.put(k, e.getValue().asDouble() * factor);
          } else {
            scale(e.getValue());
          }
        }
      } else if (n.isArray()) {
        for (JsonNode c : n) {
          scale(c);
        }
      }
    }
  }

  /** A change of the serialised bytes. */
  sealed interface ByteMutation extends Mutation {
    byte[] apply(byte[] body);
  }

  record Truncate(int permille) implements ByteMutation {
    @Override
    public byte[] apply(byte[] body) {
      return Arrays.copyOf(body, (int) ((long) body.length * permille / 1000));
    }
  }

  record InsertBytes(int permille, byte[] bytes) implements ByteMutation {
    @Override
    public byte[] apply(byte[] body) {
      int at = (int) ((long) body.length * permille / 1000);
      byte[] out = new byte[body.length + bytes.length];
      System.arraycopy(body, 0, out, 0, at);
      System.arraycopy(bytes, 0, out, at, bytes.length);
      System.arraycopy(body, at, out, at + bytes.length, body.length - at);
      return out;
    }

    @Override
    public String toString() {
      return "InsertBytes[permille=" + permille + ", bytes=" + Arrays.toString(bytes) + "]";
    }
  }

  record Overwrite(int permille, byte value) implements ByteMutation {
    @Override
    public byte[] apply(byte[] body) {
      if (body.length > 0) {
        body[Math.min(body.length - 1, (int) ((long) body.length * permille / 1000))] = value;
      }
      return body;
    }
  }

  private static Gen<Mutation> mutation() {
    Gen<Integer> depth = integers().between(0, 10);
    Gen<Integer> index = integers().between(0, 100_000);
    Gen<Integer> permille = integers().between(0, 1000);
    Gen<String> name =
        oneOf(
            arbitrary()
                .pick(
                    "id",
                    "position",
                    "positions",
                    "symbols",
                    "bars",
                    "series",
                    "symbol",
                    "interval",
                    "collateral",
                    "debtAsset",
                    "debtQuote",
                    "quantity",
                    "priceQuote",
                    "openTimeMs",
                    "open",
                    "high",
                    "low",
                    "close",
                    "volume",
                    "quoteVolume",
                    "hours",
                    "paths",
                    "levels",
                    "seed",
                    "",
                    "__proto__",
                    "$ref"),
            strings().allPossible().ofLengthBetween(0, 12));
    Gen<String> scaledField =
        frequency(
            Pair.of(2, constant((String) null)),
            Pair.of(
                3,
                arbitrary()
                    .pick(
                        "open",
                        "high",
                        "low",
                        "close",
                        "volume",
                        "quoteVolume",
                        "quantity",
                        "priceQuote",
                        "debtQuote")));
    Gen<Double> factor =
        arbitrary()
            .pick(
                0.0, -1.0, 1e-320, 1e-300, 1e-200, 1e-12, 1e-6, 0.5, 2.0, 1e6, 1e12, 1e200, 1e300);
    Gen<Byte> anyByte = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    Gen<Mutation> delete = depth.zip(index, Delete::new);
    Gen<Mutation> duplicate = depth.zip(index, Duplicate::new);
    Gen<Mutation> swap = depth.zip(index, depth, index, Swap::new);
    Gen<Mutation> replace = depth.zip(index, randomJson(), Replace::new);
    Gen<Mutation> addField = depth.zip(index, name, randomJson(), AddField::new);
    Gen<Mutation> wrap = depth.zip(index, integers().between(1, 80), booleans().all(), Wrap::new);
    Gen<Mutation> scale = scaledField.zip(factor, Scale::new);
    Gen<Mutation> truncate = permille.map(Truncate::new);
    Gen<Mutation> insert =
        permille.zip(Generate.byteArrays(integers().between(1, 8), anyByte), InsertBytes::new);
    Gen<Mutation> overwrite = permille.zip(anyByte, Overwrite::new);
    return frequency(
        Pair.of(3, delete),
        Pair.of(2, duplicate),
        Pair.of(2, swap),
        Pair.of(8, replace),
        Pair.of(2, addField),
        Pair.of(1, wrap),
        Pair.of(2, scale),
        Pair.of(2, truncate),
        Pair.of(2, insert),
        Pair.of(1, overwrite));
  }

  /** JSON text of every kind, valid or not: what a buggy or hostile client might put in a slot. */
  static Gen<String> randomJson() {
    Gen<String> literals =
        arbitrary()
            .pick(
                "null",
                "true",
                "false",
                "0",
                "-0",
                "-0.0",
                "1",
                "-1",
                "0.5",
                "1e400",
                "-1e400",
                "1e-400",
                "4.9e-324",
                "2.2250738585072014E-308",
                "1.7976931348623157E308",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "1e12",
                "1.000000001e12",
                "1e18",
                "1e19",
                "3.6e6",
                "1e308",
                "NaN",
                "Infinity",
                "-Infinity",
                "0x10",
                "01",
                "1.",
                ".5",
                "+1",
                "1e",
                "--1",
                "\"\"",
                "\" \"",
                "\"\\u0000\"",
                "\"\\ud800\"",
                "\"BTCUSDT\"",
                "\"btcusdt\"",
                "\"NOPEUSDT\"",
                "\"../../etc/passwd\"",
                "\"1h\"",
                "\"4h\"",
                "\"USDT\"",
                "\"1e400\"",
                "\"NaN\"",
                "[]",
                "{}",
                "[null]",
                "[[]]",
                "{\"\":null}",
                "[1,2,3]",
                "{\"a\":1,\"a\":2}",
                "\"\u00e9\u4e2d\ud83d\ude00\u202e\"",
                "\"abc",
                "[",
                "{",
                "}",
                "]",
                ",",
                ":",
                "",
                "undefined",
                "'single'",
                "/* c */ 1");
    Gen<String> text = strings().allPossible().ofLengthBetween(0, 30).map(ApiFuzzTest::quote);
    Gen<String> longText = integers().between(1_000, 700_000).map(n -> "\"" + "x".repeat(n) + "\"");
    // any finite double, written the way Java writes it
    Gen<String> doubles = doubles().any().assuming(Double::isFinite).map(d -> Double.toString(d));
    Gen<String> longs = longs().all().map(l -> Long.toString(l));
    Gen<String> hugeDigits = integers().between(1, 400).map(n -> "1" + "0".repeat(n));
    Gen<String> tinyNumbers = integers().between(1, 400).map(n -> "0." + "0".repeat(n) + "1");
    Gen<String> nested =
        integers()
            .between(1, 5_000)
            .zip(
                booleans().all(),
                (n, arrays) ->
                    arrays
                        ? "[".repeat(n) + "]".repeat(n)
                        : "{\"a\":".repeat(n) + "1" + "}".repeat(n));
    Gen<String> arrays =
        lists()
            .of(oneOf(literals, doubles, text))
            .ofSizeBetween(0, 6)
            .map(l -> "[" + String.join(",", l) + "]");
    Gen<String> objects =
        stringsOf(ALPHA, 0, 6)
            .zip(oneOf(literals, doubles), (k, v) -> "{" + quote(k) + ":" + v + "}");
    return frequency(
        Pair.of(6, literals),
        Pair.of(3, text),
        Pair.of(1, longText),
        Pair.of(2, doubles),
        Pair.of(2, longs),
        Pair.of(1, hugeDigits),
        Pair.of(1, tinyNumbers),
        Pair.of(1, nested),
        Pair.of(2, arrays),
        Pair.of(2, objects));
  }

  // ---------------------------------------------------------------- 2. random paths, methods

  @Test
  void randomPathsAndMethods_neverServerErrorNorLeak() {
    qt().withExamples(1500)
        .withFixedSeed(43L)
        .withShrinkCycles(SHRINK_CYCLES)
        .forAll(targets(), methods(), paramBodies(), booleans().all())
        .checkAssert(ApiFuzzTest::pathAndMethodSafe);
  }

  private static void pathAndMethodSafe(
      String target, String method, String body, boolean withToken) {
    Request r =
        new Request(
            method,
            target,
            withToken ? List.of(bearer(TestService.TOKEN)) : List.of(),
            body == null ? null : "application/json",
            body == null ? null : body.getBytes(StandardCharsets.UTF_8),
            Framing.LENGTH);
    assertSafe("paths", r, send(r));
  }

  private static Gen<String> methods() {
    return frequency(
        Pair.of(6, constant("GET")),
        Pair.of(4, constant("POST")),
        Pair.of(2, arbitrary().pick("PUT", "DELETE", "PATCH")),
        Pair.of(
            1, arbitrary().pick("HEAD", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "get", "FOO")));
  }

  private static Gen<String> paramBodies() {
    return frequency(
        Pair.of(3, constant((String) null)),
        Pair.of(1, arbitrary().pick("{}", "", "[]", "{\"symbols\":[\"BTCUSDT\"]}", "null")));
  }

  private static Gen<String> targets() {
    Gen<String> segment = segment();
    Gen<String> query = query();
    Gen<String> known =
        arbitrary()
            .pick(
                "/",
                "/health",
                "/ready",
                "/metrics",
                "/openapi.json",
                "/v1/assets",
                "/v1/thresholds",
                "/v1/positions/assess",
                "/v1/positions/stress",
                "/v1/market/bars",
                "/v1/market/prices",
                "/v1/book",
                "/v1/book/positions/x",
                "/v1/liquidations",
                "/v1/liquidations?limit=-1",
                "/v1/stream",
                "/v1/admin/reload",
                "/dashboard/app.js",
                "/dashboard/style.css",
                "/dashboard/index.html",
                "/v1/assets/BTCUSDT/thresholds",
                "/v1/assets/BTCUSDT/history");
    Gen<String> knownVariant =
        known.zip(
            arbitrary().pick("", "/", "//", "/.", "/..", "%2F", ";x=1", "?", "#frag"),
            (k, v) -> k + v);
    Gen<String> upper = known.map(k -> k.toUpperCase(Locale.ROOT));
    Gen<String> templated =
        arbitrary()
            .pick(
                "/v1/assets/%s/thresholds",
                "/v1/assets/%s/history",
                "/dashboard/%s",
                "/v1/%s",
                "/v1/assets/%s",
                "/%s/health",
                "/v1/assets/%s/thresholds/%s")
            .zip(
                segment,
                segment,
                (t, a, b) -> t.replaceFirst("%s", Matcher.quoteReplacement(a)).replace("%s", b));
    Gen<String> randomPath =
        lists().of(segment).ofSizeBetween(1, 6).map(l -> "/" + String.join("/", l));
    Gen<String> odd =
        arbitrary()
            .pick(
                "*",
                "",
                "http://evil.example/v1/assets",
                "v1/assets",
                "/%",
                "/%%",
                "/%zz",
                "/\\",
                "/a b",
                "/\t",
                "//v1//assets");
    Gen<String> path =
        frequency(
            Pair.of(3, knownVariant),
            Pair.of(1, upper),
            Pair.of(5, templated),
            Pair.of(4, randomPath),
            Pair.of(1, odd));
    return path.zip(frequency(Pair.of(2, constant("")), Pair.of(1, query)), (p, q) -> p + q);
  }

  private static Gen<String> segment() {
    Gen<String> special =
        arbitrary()
            .pick(
                "..",
                ".",
                "%00",
                "%2e%2e",
                "%2E%2E%2F",
                "%2F",
                "%5C",
                "%25",
                "%zz",
                "%",
                "%u0041",
                "%C0%AE%C0%AE",
                "%ff%fe",
                "%0d%0aSet-Cookie:%20x",
                "BTCUSDT",
                "ETHUSDT",
                "btcusdt",
                "NOPEUSDT",
                "BTCUSDT.parquet",
                "app.js",
                "index.html",
                "{symbol}",
                "~",
                ";",
                ";jsessionid=1",
                "*",
                "%20",
                "+",
                "%2B",
                "..%2F..%2Fetc%2Fpasswd",
                "thresholds",
                "history",
                "assets",
                "WEB-INF",
                "META-INF",
                "openapi-plugin",
                "%E2%80%AE",
                "%F0%9F%98%80",
                "\u00e9",
                "\u4e2d\u6587",
                "\ud83d\ude00",
                "a:b",
                "@",
                "!$&'()");
    Gen<String> word = stringsOf(ALPHA + "0123456789-._~", 1, 20);
    Gen<String> encoded =
        strings()
            .allPossible()
            .ofLengthBetween(1, 10)
            .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8));
    Gen<String> veryLong = integers().between(300, 20_000).map(n -> "A".repeat(n));
    return frequency(
        Pair.of(4, special), Pair.of(3, word), Pair.of(2, encoded), Pair.of(1, veryLong));
  }

  private static Gen<String> query() {
    Gen<String> key =
        oneOf(
            arbitrary().pick("hours", "symbol", "hours[]", "HOURS", "", "%00", "a"),
            stringsOf(ALPHA, 0, 8));
    Gen<String> value =
        oneOf(
            arbitrary()
                .pick(
                    "",
                    "1",
                    "0",
                    "-1",
                    "24",
                    "2160",
                    "2161",
                    "2147483647",
                    "2147483648",
                    "-2147483648",
                    "99999999999999999999",
                    "1e3",
                    "1.5",
                    "%20",
                    "%00",
                    "abc",
                    "NaN",
                    "%ff",
                    "+1",
                    "0x10",
                    "%E2%82%AC",
                    "%u0041",
                    "%zz",
                    "%",
                    "%2",
                    "%C0%AE"),
            integers().all().map(i -> Integer.toString(i)),
            strings()
                .allPossible()
                .ofLengthBetween(0, 10)
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
            integers().between(100, 10_000).map("9"::repeat));
    Gen<String> pair = key.zip(value, booleans().all(), (k, v, eq) -> eq ? k + "=" + v : k);
    return lists().of(pair).ofSizeBetween(1, 4).map(l -> "?" + String.join("&", l));
  }

  /** Strings of {@code min} to {@code max} characters, each one of {@code chars}. */
  private static Gen<String> stringsOf(String chars, int min, int max) {
    Gen<Character> one = arbitrary().pick(chars.chars().mapToObj(c -> (char) c).toList());
    return lists()
        .of(one)
        .ofSizeBetween(min, max)
        .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining()));
  }

  // ---------------------------------------------------------------- 3. Authorization headers

  @Test
  void randomAuthorization_onlyTokenPasses() {
    qt().withExamples(600)
        .withFixedSeed(44L)
        .withShrinkCycles(SHRINK_CYCLES)
        .forAll(authorizations(), booleans().all(), ingestBodies())
        .checkAssert(ApiFuzzTest::onlyTokenPasses);
  }

  private static void onlyTokenPasses(List<String> authorization, boolean reload, String body) {
    List<String> headers = new ArrayList<>();
    for (String a : authorization) {
      headers.add("Authorization: " + a);
    }
    Request r =
        new Request(
            "POST",
            reload ? "/v1/admin/reload" : "/v1/market/bars",
            headers,
            "application/json",
            body.getBytes(StandardCharsets.UTF_8),
            Framing.LENGTH);
    Reply reply = send(r);
    assertSafe("auth", r, reply);
    boolean tokenSent =
        !authorization.isEmpty()
            && authorization.get(0).strip().startsWith("Bearer ")
            && authorization.get(0).strip().substring(7).strip().equals(TestService.TOKEN);
    if (!tokenSent) {
      assertTrue(
          reply.status() == 401 || reply.status() == 400 || reply.status() == 431,
          () -> "a request without the token was let through: " + describe(r, reply));
      if (reply.status() == 401) {
        assertTrue(reply.header("www-authenticate").startsWith("Bearer"), () -> describe(r, reply));
      }
    } else {
      assertTrue(reply.status() != 401 && reply.status() != 403, () -> describe(r, reply));
    }
  }

  private static Gen<List<String>> authorizations() {
    String t = TestService.TOKEN;
    Gen<String> one =
        oneOf(
            arbitrary()
                .pick(
                    "",
                    "Bearer",
                    "Bearer ",
                    "Bearer  ",
                    "Bearer " + t,
                    "bearer " + t,
                    "BEARER " + t,
                    "Bearer " + t.toUpperCase(Locale.ROOT),
                    "Bearer " + t + "x",
                    "Bearer x" + t,
                    "Bearer " + t + " ",
                    "Bearer  " + t,
                    "Bearer\t" + t,
                    " Bearer " + t,
                    "Bearer " + t + "\t",
                    t,
                    "Basic dGVzdC10b2tlbjo=",
                    "Token " + t,
                    "Bearer " + t + "," + t,
                    "Bearer \"" + t + "\"",
                    "Bearer " + t.replace('-', '_'),
                    "Bearer null",
                    "Bearer undefined",
                    "Bearer " + t + "\u00a0",
                    "Bearer \u00e9\u00e8",
                    "Bearer " + t + "\u0000",
                    "Bearer\u000b" + t,
                    "Digest username=\"a\""),
            integers().between(0, t.length()).map(n -> "Bearer " + t.substring(0, n)),
            strings().allPossible().ofLengthBetween(0, 40).map(s -> "Bearer " + s),
            strings().ascii().ofLengthBetween(0, 40),
            integers().between(100, 20_000).map(n -> "Bearer " + "k".repeat(n)));
    return frequency(
        Pair.of(1, constant(List.of())),
        Pair.of(8, lists().of(one).ofSize(1)),
        Pair.of(1, lists().of(one).ofSizeBetween(2, 3)));
  }

  private static Gen<String> ingestBodies() {
    // stored bars again (a 409 once authorised), or a body that is not an ingest
    String stored =
        "{\"series\":[{\"symbol\":\""
            + btc
            + "\",\"bars\":["
            + TestService.bar(otherLastOpenMs, 1)
            + "]}]}";
    return arbitrary().pick(stored, "{}", "", "{\"series\":[]}", "not json");
  }

  // ---------------------------------------------------------------- the assertions

  /** No 5xx; every error a problem+json carrying the status, with nothing internal in it. */
  static void assertSafe(String property, Request r, Reply reply) {
    STATUSES
        .computeIfAbsent(property, p -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(reply.status(), s -> new LongAdder())
        .increment();
    if (reply.status() >= 500) {
      fail("server error: " + describe(r, reply));
    }
    String body = reply.bodyText();
    for (String leak :
        List.of(
            "Exception",
            "io.liqopt",
            "at java.",
            "org.eclipse.jetty",
            "io.javalin",
            "com.fasterxml",
            "\tat ")) {
      assertFalse(
          body.contains(leak) && !r.echoes(leak),
          () -> "leaks '" + leak + "': " + describe(r, reply));
    }
    if (reply.status() >= 400 && !r.method().equals("HEAD")) {
      assertTrue(
          reply.header("content-type").startsWith("application/problem+json"),
          () -> "not a problem: " + describe(r, reply));
      JsonNode problem;
      try {
        problem = TestService.JSON.readTree(reply.body());
      } catch (IOException e) {
        throw new AssertionError("problem is not JSON: " + describe(r, reply), e);
      }
      assertTrue(problem != null && problem.isObject(), () -> describe(r, reply));
      assertEquals(reply.status(), problem.path("status").asInt(), () -> describe(r, reply));
      assertTrue(
          problem.path("title").isTextual() && problem.path("detail").isTextual(),
          () -> describe(r, reply));
    }
  }

  static String describe(Request r, Reply reply) {
    return reply.status()
        + " "
        + reply.header("content-type")
        + " "
        + clip(reply.bodyText())
        + "\n  for "
        + r;
  }

  /** After all the fuzzing: healthy, ready, and valid requests answered as before. */
  static void assertStillHealthy() {
    TestService.get(server, "/health").expect(200);
    TestService.get(server, "/ready").expect(200);
    TestService.get(server, "/v1/assets").expect(200);
    TestService.get(server, "/v1/assets/" + btc + "/thresholds").expect(200);
    TestService.post(server, "/v1/thresholds", Base.THRESHOLDS.body(0)).expect(200);
    TestService.post(server, "/v1/thresholds", Base.THRESHOLDS_CALLER_BARS.body(0)).expect(200);
    TestService.post(server, "/v1/positions/assess", Base.ASSESS_ONE.body(0)).expect(200);
    TestService.post(server, "/v1/positions/assess", Base.ASSESS_BATCH.body(0)).expect(200);
    TestService.post(server, "/v1/positions/stress", Base.STRESS.body(0)).expect(200);
    JsonNode now =
        TestService.get(server, "/v1/assets/" + other + "/thresholds").expect(200).json();
    long next = now.get("dataTimeMs").asLong();
    TestService.post(
            server,
            "/v1/market/bars",
            "{\"series\":[{\"symbol\":\""
                + other
                + "\",\"bars\":["
                + TestService.bar(next, now.get("price").asDouble())
                + "]}]}",
            TestService.TOKEN)
        .expect(200);
  }

  // ---------------------------------------------------------------- bodies

  static String position(String id, double debt, boolean twoHoldings) {
    String holdings =
        String.format(Locale.ROOT, "{\"symbol\":\"%s\",\"quantity\":1}", btc)
            + (twoHoldings
                ? String.format(
                    Locale.ROOT,
                    ",{\"symbol\":\"%s\",\"quantity\":2.5," + "\"priceQuote\":12.5}",
                    other)
                : "");
    return String.format(
        Locale.ROOT,
        "{\"id\":\"%s\",\"collateral\":[%s],\"debtAsset\":" + "\"USDT\",\"debtQuote\":%s}",
        id,
        holdings,
        debt);
  }

  static String callerBars(int count) {
    StringBuilder bars = new StringBuilder();
    int n = extra.size();
    for (int i = n - count; i < n; i++) {
      bars.append(i == n - count ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"openTimeMs\":%d,\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s,"
                      + "\"volume\":%s,\"quoteVolume\":%s}",
                  extra.openTimeMs(i),
                  extra.open(i),
                  extra.high(i),
                  extra.low(i),
                  extra.close(i),
                  extra.volume(i),
                  extra.quoteVolume(i)));
    }
    return bars.toString();
  }

  static JsonNode parse(String json) {
    try {
      return TestService.JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static JsonNode raw(String json) {
    return new POJONode(new RawValue(json));
  }

  static String quote(String s) {
    try {
      return TestService.JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static void collectObjects(JsonNode n, List<JsonNode> out) {
    if (n.isObject()) {
      out.add(n);
    }
    if (n.isContainerNode()) {
      for (JsonNode c : n) {
        collectObjects(c, out);
      }
    }
  }

  /** Writes the tree, repeating duplicated fields and copying raw values as they are. */
  static void write(JsonNode n, StringBuilder sb, Map<JsonNode, Set<String>> duplicated) {
    if (n.isObject()) {
      sb.append('{');
      boolean first = true;
      Set<String> twice = duplicated.getOrDefault(n, Set.of());
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        for (int k = 0; k < (twice.contains(e.getKey()) ? 2 : 1); k++) {
          sb.append(first ? "" : ",").append(quote(e.getKey())).append(':');
          write(e.getValue(), sb, duplicated);
          first = false;
        }
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        write(n.get(i), sb, duplicated);
      }
      sb.append(']');
    } else if (n instanceof POJONode p && p.getPojo() instanceof RawValue v) {
      sb.append(v.rawValue());
    } else {
      sb.append(n);
    }
  }

  /** A place in the tree: a field of an object or an element of an array. */
  static final class Slot {
    final JsonNode parent;
    final String field;
    final int index;

    Slot(JsonNode parent, String field, int index) {
      this.parent = parent;
      this.field = field;
      this.index = index;
    }

    /** The slot at depth {@code depth} (mod the depths present), number {@code index} there. */
    static Slot pick(JsonNode root, int depth, int index) {
      Map<Integer, List<Slot>> byDepth = new LinkedHashMap<>();
      collect(root, 0, byDepth);
      if (byDepth.isEmpty()) {
        return null;
      }
      List<Slot> level = byDepth.get(Math.floorMod(depth, byDepth.size()));
      return level.get(Math.floorMod(index, level.size()));
    }

    private static void collect(JsonNode n, int depth, Map<Integer, List<Slot>> out) {
      if (n.isObject()) {
        for (Map.Entry<String, JsonNode> e : n.properties()) {
          out.computeIfAbsent(depth, d -> new ArrayList<>()).add(new Slot(n, e.getKey(), -1));
          collect(e.getValue(), depth + 1, out);
        }
      } else if (n.isArray()) {
        for (int i = 0; i < n.size(); i++) {
          out.computeIfAbsent(depth, d -> new ArrayList<>()).add(new Slot(n, null, i));
          collect(n.get(i), depth + 1, out);
        }
      }
    }

    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode v) {
      if (field != null) {
        ((ObjectNode) parent).set(field, v);
      } else if (index < parent.size()) {
        ((ArrayNode) parent).set(index, v);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) parent).remove(field);
      } else if (index < parent.size()) {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  static Reply send(Request r) {
    return RawHttp.send(server, r);
  }

  static String bearer(String token) {
    return "Authorization: Bearer " + token;
  }

  static String clip(String s) {
    return RawHttp.clip(s);
  }
}

package io.liqopt.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.FileTrees;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.ml.BundleStore;
import io.liqopt.ml.gbm.GbmParams;
import io.liqopt.ml.nn.QuantileNetParams;
import io.liqopt.serving.api.Limits;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.store.MarketStore;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import io.liqopt.training.ml.MlForecaster;
import io.liqopt.training.ml.TrainJob;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/** Fixtures of the serving tests: a synthetic store, a tiny real bundle, a client. */
final class TestService {
  static final String TOKEN = "test-token";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Small and fast: one tree candidate, a tiny network. */
  static final MlForecaster.Options TINY =
      new MlForecaster.Options(
          30,
          60,
          4_000,
          List.of(new GbmParams(30, 3, 0.1, 0.8, 10)),
          new QuantileNetParams(new int[] {16}, 3, 256, 1e-3, 2),
          24,
          0);

  private TestService() {}

  /** A synthetic market of {@code symbols} assets, 0.6 years, seed 11. */
  static List<BarSeries> market(int symbols) {
    return SyntheticMarketGenerator.DEFAULT.generate(
        SyntheticMarketConfig.defaults(symbols, 0.6, 11));
  }

  /** Writes the series into a store at {@code dataDir}. */
  static void store(Path dataDir, List<BarSeries> series) throws IOException {
    MarketStore store = new MarketStore(dataDir);
    for (BarSeries s : series) {
      store.write(s, "synthetic test market");
    }
  }

  /** Trains a tiny bundle on {@code series} into {@code modelsDir}; returns its id. */
  static String trainBundle(List<BarSeries> series, Path modelsDir) throws IOException {
    TrainJob.Result r =
        TrainJob.run(
            series,
            series.get(0),
            Long.MAX_VALUE,
            ForecastSpec.defaults(),
            TINY,
            5,
            modelsDir,
            io.liqopt.ml.BundleMetrics.NONE,
            Instant.parse("2026-01-01T00:00:00Z"));
    return r.bundle().getFileName().toString();
  }

  /**
   * Copies bundle {@code id} to a new id (the manifest says the new id; checksums unchanged) and
   * points LATEST at it; returns the new id.
   */
  static String copyBundle(Path modelsDir, String id, String newId) throws IOException {
    Path from = modelsDir.resolve(id);
    Path to = modelsDir.resolve(newId);
    FileTrees.copy(from, to);
    Path manifest = to.resolve(BundleStore.MANIFEST);
    String m = Files.readString(manifest).replace("\"" + id + "\"", "\"" + newId + "\"");
    Files.writeString(manifest, m);
    return newId;
  }

  /**
   * The model id the service gives bundle {@code id}: the id, {@code +paths} when training chose
   * the path engine's quantiles at some horizon.
   */
  static String servedId(Path modelsDir, String id) throws IOException {
    JsonNode sources =
        JSON.readTree(modelsDir.resolve(id).resolve("calibration.json").toFile())
            .path("quantileSources");
    boolean paths = false;
    for (JsonNode s : sources) {
      paths |= s.asText().equals("paths");
    }
    return paths ? id + "+paths" : id;
  }

  /** The bundle id of a served model id (without its {@code +paths}). */
  static String bundleId(String modelId) {
    return modelId.endsWith("+paths") ? modelId.substring(0, modelId.length() - 6) : modelId;
  }

  /** Points LATEST at {@code id} the way BundleStore does (atomically). */
  static void setLatest(Path modelsDir, String id) throws IOException {
    io.liqopt.core.AtomicFiles.write(
        modelsDir.resolve(BundleStore.LATEST), (id + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static Server.Options options(Path dataDir, Path modelsDir, String baseline, String token) {
    return options(dataDir, modelsDir, baseline, token, 0);
  }

  /** As above, the baseline's quantiles tracked with step {@code gamma}. */
  static Server.Options options(
      Path dataDir, Path modelsDir, String baseline, String token, double gamma) {
    ThresholdEngine.Settings settings =
        new ThresholdEngine.Settings(
            dataDir,
            modelsDir,
            ResolvedPolicy.defaultPolicy(),
            baseline,
            ThresholdEngine.Clock.DATA,
            60,
            48,
            null,
            0.10,
            gamma);
    return new Server.Options(
        "127.0.0.1",
        0,
        settings,
        new Limits(512 * 1024, 500, 50, 5_000),
        token,
        Duration.ofHours(1),
        Duration.ofHours(1),
        Duration.ofSeconds(5));
  }

  /**
   * A server over {@code market} stored under {@code dir}: baseline EWMA, data clock, the token,
   * live prices on (push route only).
   */
  static Server startWithLivePrices(Path dir, List<BarSeries> market) throws IOException {
    store(dir.resolve("data"), market);
    return start(
        options(dir.resolve("data"), dir.resolve("models"), "ewma", TOKEN)
            .withLive(io.liqopt.serving.feeds.LiveOptions.PUSH_ONLY));
  }

  static Server start(Server.Options o) throws IOException {
    return Server.start(o, InstantSource.system(), line -> {});
  }

  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    Reply expect(int code) {
      assertEquals(code, status, () -> "status of " + body);
      return this;
    }
  }

  static Reply get(Server s, String path) {
    return send(HttpRequest.newBuilder(URI.create(s.url() + path)).GET());
  }

  static Reply post(Server s, String path, String body) {
    return post(s, path, body, null);
  }

  static Reply post(Server s, String path, String body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  static Reply send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r =
          CLIENT.send(
              b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** One bar JSON after {@code lastOpenMs} (next hour), around {@code price}. */
  static String bar(long openMs, double price) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"openTimeMs\":%d,\"open\":%s,\"high\":%s,"
            + "\"low\":%s,\"close\":%s,\"volume\":1000,\"quoteVolume\":%s}",
        openMs,
        price,
        price * 1.004,
        price * 0.997,
        price * 1.001,
        1000 * price);
  }
}

package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.serving.Server;
import io.liqopt.serving.api.Limits;
import io.liqopt.serving.state.ThresholdEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every API answer, recorded before the code behind it was moved: the service as {@code serve}
 * starts it (data clock, the default policy and limits), on the golden bundle's own synthetic
 * market, with the golden bundle as it is (an old bundle: the model's own quantiles), with the same
 * bundle rewritten to have chosen the path engine's quantiles at every horizon (its stress
 * probability stays the bundle's), and with {@code --baseline garch+paths} and no bundle. Each
 * request's status and body are compared with {@code golden-outputs/api-*.json}.
 */
class GoldenApiTest {
  /** The checked-in golden bundle (a models folder) of the training module's tests. */
  static final Path GOLDEN_BUNDLE =
      Path.of("..", "training", "src", "test", "resources", "golden-bundle");

  /** The wall clock is fixed: answers depend on the data clock only. */
  static final InstantSource WALL = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

  static final String TOKEN = "golden-token";

  /** The open of the hour after the golden market's last bar (2021-03-15T01:00Z). */
  static final long NEXT_BAR_MS = 1_615_770_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;

  /** The golden bundle's market: 3 synthetic assets, 0.2 years, seed 11. */
  @BeforeAll
  static void market() {
    CliRun r =
        CliRun.of(
            "data",
            "generate",
            "--data",
            dir.resolve("data").toString(),
            "--symbols",
            "3",
            "--years",
            "0.2",
            "--seed",
            "11");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(GOLDEN_BUNDLE.resolve("LATEST")), GOLDEN_BUNDLE.toString());
  }

  @Test
  void bundleChoosingPathQuantiles_everyAnswer_asRecorded() throws Exception {
    record("api-bundle-paths.json", null, true);
  }

  @Test
  void bundleWithModelQuantiles_everyAnswer_asRecorded() throws Exception {
    record("api-bundle-model.json", null, false);
  }

  @Test
  void garchBaselineWithPaths_everyAnswer_asRecorded() throws Exception {
    record("api-garch.json", "garch+paths", false);
  }

  /**
   * @param choosePaths rewrite the golden bundle's calibration (and its checksum) so that it chose
   *     the path engine's quantiles at every horizon
   */
  private static void record(String name, String baseline, boolean choosePaths) throws Exception {
    // the service may write beside its store (the ingest log, governor state): a copy each
    Path data = Files.createTempDirectory(dir, "store");
    io.liqopt.core.FileTrees.copy(dir.resolve("data"), data);
    Path models = Files.createTempDirectory(dir, "models");
    io.liqopt.core.FileTrees.copy(GOLDEN_BUNDLE, models);
    if (choosePaths) {
      choosePathsEverywhere(models);
    }
    ThresholdEngine.Settings settings =
        new ThresholdEngine.Settings(
            data,
            models,
            ResolvedPolicy.defaultPolicy(),
            baseline,
            ThresholdEngine.Clock.DATA,
            120,
            168,
            null,
            0.10,
            0);
    Server.Options options =
        new Server.Options(
            "127.0.0.1",
            0,
            settings,
            new Limits(16_777_216, 10_000, 1_000, 20_000),
            TOKEN,
            Duration.ofHours(1),
            Duration.ofHours(1),
            Duration.ofSeconds(5));
    ArrayNode answers = JSON.createArrayNode();
    try (Server server = Server.start(options, WALL, line -> {})) {
      for (String[] req : requests()) {
        answers.add(send(server, req[0], req[1], req[2], req.length > 3));
      }
    }
    GoldenJson.assertMatches(name, answers);
  }

  /**
   * Rewrites the LATEST bundle of {@code models} as if training had chosen the path engine's
   * quantiles at every horizon: {@code quantileSources} in its calibration, the new checksum in its
   * manifest.
   */
  static void choosePathsEverywhere(Path models) throws IOException {
    String id = Files.readString(models.resolve("LATEST")).trim();
    Path bundle = models.resolve(id);
    Path calibration = bundle.resolve("calibration.json");
    ObjectNode c = (ObjectNode) JSON.readTree(calibration.toFile());
    ObjectNode sources = c.putObject("quantileSources");
    c.get("horizonsHours").forEach(h -> sources.put(h.asText(), "paths"));
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(c);
    Files.write(calibration, bytes);
    Path manifestFile = bundle.resolve("manifest.json");
    ObjectNode manifest = (ObjectNode) JSON.readTree(manifestFile.toFile());
    ((ObjectNode) manifest.get("files")).put("calibration.json", sha256(bytes));
    Files.write(manifestFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Method, path, body (or null), and a fourth element when the request carries the token. */
  static List<String[]> requests() {
    String btc = "SYNBTCUSDT";
    String position =
        "{\"id\":\"p1\",\"collateral\":[{\"symbol\":\""
            + btc
            + "\",\"quantity\":1},"
            + "{\"symbol\":\"SYNETHUSDT\",\"quantity\":4}],\"debtAsset\":\"USDT\","
            + "\"debtQuote\":%s}";
    String healthy = String.format(java.util.Locale.ROOT, position, 12_000);
    String near = String.format(java.util.Locale.ROOT, position, 18_500);
    String under = String.format(java.util.Locale.ROOT, position, 20_500).replace("p1", "p2");
    String ingest =
        "{\"series\":[{\"symbol\":\""
            + btc
            + "\",\"bars\":[{\"openTimeMs\":"
            + NEXT_BAR_MS
            + ",\"open\":19084,\"high\":19250,\"low\":18100,\"close\":18200,"
            + "\"volume\":900,\"quoteVolume\":16900000}]}]}";
    return List.of(
        new String[] {"GET", "/health", null},
        new String[] {"GET", "/ready", null},
        new String[] {"GET", "/v1/assets", null},
        new String[] {"GET", "/v1/assets/" + btc + "/thresholds", null},
        new String[] {"GET", "/v1/assets/SYNETHUSDT/thresholds", null},
        new String[] {"GET", "/v1/assets/SYNSOLUSDT/thresholds", null},
        new String[] {"GET", "/v1/assets/" + btc + "/history?hours=6", null},
        new String[] {"POST", "/v1/thresholds", "{\"symbols\":[\"SYNSOLUSDT\",\"" + btc + "\"]}"},
        new String[] {"POST", "/v1/positions/assess", "{\"position\":" + healthy + "}"},
        new String[] {
          "POST", "/v1/positions/assess", "{\"positions\":[" + near + "," + under + "]}"
        },
        new String[] {
          "POST",
          "/v1/positions/assess?view=compact",
          "{\"positions\":[" + near + "," + under + "]}"
        },
        new String[] {
          "POST", "/v1/positions/stress", "{\"position\":" + near + ",\"paths\":2000,\"seed\":7}"
        },
        // client mistakes: every one a problem+json, never a 500
        new String[] {"GET", "/v1/assets/NOPEUSDT/thresholds", null},
        new String[] {"GET", "/v1/assets/btc-usd/thresholds", null},
        new String[] {"GET", "/v1/assets/" + btc + "/history?hours=abc", null},
        new String[] {"POST", "/v1/thresholds", "{\"symbols\":[\"NOPEUSDT\"]}"},
        new String[] {"POST", "/v1/positions/assess", "{\"position\":"},
        new String[] {
          "POST",
          "/v1/positions/assess",
          "{\"position\":" + healthy.replace("\"quantity\":1", "\"quantity\":-1") + "}"
        },
        new String[] {"POST", "/v1/market/bars", "{\"bars\":[]}"},
        new String[] {"POST", "/v1/admin/reload", "{}"},
        new String[] {
          "POST",
          "/v1/market/bars",
          "{\"symbol\":\""
              + btc
              + "\",\"bars\":[{"
              + "\"openTimeMs\":0,\"open\":1,\"high\":1,\"low\":1,\"close\":1,\"volume\":1}]}",
          "token"
        },
        new String[] {"GET", "/v1/nowhere", null},
        // last: an ingested bar (the hour after the store's last) moves the thresholds; sent twice,
        // the second is a duplicate
        new String[] {"POST", "/v1/market/bars", ingest, "token"},
        new String[] {"GET", "/v1/assets/" + btc + "/thresholds", null},
        new String[] {"POST", "/v1/market/bars", ingest, "token"});
  }

  private static ObjectNode send(
      Server server, String method, String path, String body, boolean token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    if (token) {
      b.header("Authorization", "Bearer " + TOKEN);
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    ObjectNode answer = JSON.createObjectNode();
    answer.put("request", method + " " + path);
    if (body != null) {
      answer.put("body", body);
    }
    answer.put("status", r.statusCode());
    answer.put("contentType", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode json;
    try {
      json = JSON.readTree(r.body());
    } catch (IOException e) {
      json = null;
    }
    if (json != null) {
      answer.set("answer", json);
    } else {
      answer.put("text", r.body());
    }
    return answer;
  }
}

package io.liqopt.serving;

import static io.liqopt.serving.TestService.bar;
import static io.liqopt.serving.TestService.get;
import static io.liqopt.serving.TestService.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving a real (tiny) trained bundle: start-up verification, hot reload through the file watch
 * and the admin route, refusal of a corrupt bundle while the previous one keeps serving, and
 * concurrent reads during ingest and reloads that each name exactly one model.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BundleServingTest {
  @TempDir static Path dir;
  static Path models;
  static List<BarSeries> market;
  static String first;
  static Server server;

  @BeforeAll
  static void start() throws IOException {
    market = TestService.market(2);
    TestService.store(dir.resolve("data"), market);
    models = dir.resolve("models");
    first = TestService.trainBundle(market, models);
    server =
        TestService.start(
            TestService.options(dir.resolve("data"), models, null, TestService.TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @Order(1)
  void start_servesTheLatestBundle() throws IOException {
    JsonNode r = get(server, "/v1/assets").expect(200).json();
    // the bundle's own choice of quantile source shows in its id
    String served = TestService.servedId(models, first);
    assertEquals(served, r.get("modelId").asText());
    assertEquals(served.endsWith("+paths") ? "bundle+paths" : "bundle", r.get("mode").asText());
    for (JsonNode a : r.get("assets")) {
      assertEquals(served, a.get("thresholds").get("modelVersion").asText(), a.toString());
    }
  }

  @Test
  @Order(2)
  void noBundle_clearMessageNamingTrain(@TempDir Path empty) throws IOException {
    TestService.store(empty, market);
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () ->
                TestService.start(TestService.options(empty, empty.resolve("models"), null, null)));
    assertTrue(e.getMessage().contains("liqopt train"), e.getMessage());
    assertTrue(e.getMessage().contains("--baseline"), e.getMessage());
  }

  @Test
  @Order(3)
  void watch_newLatest_reloadedWithoutRestart() throws Exception {
    String second = TestService.copyBundle(models, first, first + "-b");
    TestService.setLatest(models, second);
    String served = TestService.servedId(models, second);
    assertTrue(
        await(() -> served.equals(get(server, "/v1/assets").json().get("modelId").asText())),
        "the watch reloads the new LATEST");
    assertEquals("loaded", get(server, "/health").json().get("lastReload").get("outcome").asText());
  }

  @Test
  @Order(4)
  void corruptBundle_refused_previousKeepsServing() throws Exception {
    String serving = get(server, "/v1/assets").json().get("modelId").asText();
    String bad = TestService.copyBundle(models, first, first + "-corrupt");
    Path file;
    try (var s = Files.walk(models.resolve(bad))) {
      file = s.filter(p -> p.toString().endsWith(".tribuo")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(file, bytes);
    TestService.setLatest(models, bad);
    assertTrue(
        await(
            () ->
                "refused"
                    .equals(
                        get(server, "/health").json().get("lastReload").get("outcome").asText())),
        "the watch tries it and refuses it");
    JsonNode health = get(server, "/health").json();
    assertTrue(
        health.get("lastReload").get("message").asText().contains("checksum"), health.toString());
    assertEquals("degraded", health.get("status").asText());
    assertEquals(serving, get(server, "/v1/assets").json().get("modelId").asText());
    // the admin route says the same, as a 422, and nothing changes
    TestService.Reply r = post(server, "/v1/admin/reload", "", TestService.TOKEN).expect(422);
    assertTrue(r.body().contains("still serving " + serving), r.body());
    assertEquals(serving, get(server, "/v1/assets").json().get("modelId").asText());
    TestService.setLatest(models, TestService.bundleId(serving));
  }

  @Test
  @Order(5)
  void concurrentReads_duringIngestAndReloads_eachNamesOneModel() throws Exception {
    String a = TestService.bundleId(get(server, "/v1/assets").json().get("modelId").asText());
    String b = a.endsWith("-b") ? first : first + "-b";
    String symbol = market.get(1).symbol();
    JsonNode t0 = get(server, "/v1/assets/" + symbol + "/thresholds").json();
    long next = t0.get("dataTimeMs").asLong();
    double px = t0.get("price").asDouble();
    AtomicBoolean done = new AtomicBoolean();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger reads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> readers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      readers.add(
          pool.submit(
              () -> {
                go.await();
                while (!done.get()) {
                  JsonNode r = get(server, "/v1/assets").json();
                  String model = r.get("modelId").asText();
                  for (JsonNode asset : r.get("assets")) {
                    JsonNode t = asset.get("thresholds");
                    if (!model.equals(t.get("modelVersion").asText())) {
                      problems.add(
                          "response names "
                              + model
                              + " but "
                              + asset.get("symbol")
                              + " was forecast by "
                              + t.get("modelVersion"));
                    }
                    if (!(t.get("maxLtv").asDouble() <= t.get("lt").asDouble())) {
                      problems.add("maxLtv above lt: " + t);
                    }
                  }
                  JsonNode one = get(server, "/v1/assets/" + symbol + "/thresholds").json();
                  if (!one.get("modelId")
                      .asText()
                      .equals(one.get("thresholds").get("modelVersion").asText())) {
                    problems.add("thresholds of " + symbol + " mix models: " + one);
                  }
                  reads.incrementAndGet();
                }
                return null;
              }));
    }
    go.countDown();
    int ingested = 0;
    for (int k = 0; k < 12; k++) {
      post(
              server,
              "/v1/market/bars",
              "{\"series\":[{\"symbol\":\""
                  + symbol
                  + "\",\"bars\":["
                  + bar(next + k * 3_600_000L, px)
                  + "]}]}",
              TestService.TOKEN)
          .expect(200);
      ingested++;
      if (k % 4 == 1) {
        TestService.setLatest(models, k % 8 == 1 ? b : a);
        post(server, "/v1/admin/reload", "", TestService.TOKEN).expect(200);
      }
    }
    done.set(true);
    for (Future<?> f : readers) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(List.of(), problems);
    assertTrue(reads.get() > 10, "readers ran: " + reads.get());
    assertEquals(
        next + ingested * 3_600_000L,
        get(server, "/v1/assets/" + symbol + "/thresholds").json().get("dataTimeMs").asLong());
    // every LATEST replacement finished: no temporary file of AtomicFiles is left behind
    try (var files = Files.list(models)) {
      assertEquals(
          List.of(),
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("." + BundleStore.LATEST + ".tmp"))
              .toList());
    }
  }

  private static boolean await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}

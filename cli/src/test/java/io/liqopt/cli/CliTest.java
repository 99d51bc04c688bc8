package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.store.MarketStore;
import io.liqopt.store.binance.BinanceArchiveServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {
  private static final String HEADER = "ts,open,high,low,close,volume,quote_volume\n";
  private static final long T0 = 1_704_067_200_000L;
  private static final long H = 3_600_000L;

  @TempDir Path dir;

  private String data() {
    return dir.resolve("data").toString();
  }

  static Stream<String> commands() {
    return Stream.of(
        "",
        "quickstart",
        "data",
        "data generate",
        "data import",
        "data download",
        "data info",
        "evaluate",
        "thresholds",
        "train",
        "models",
        "models list",
        "models verify",
        "serve",
        "backtest",
        "optimize",
        "simulate",
        "simulate lt",
        "simulate portfolio",
        "replay");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_everyCommand_exitZero(String command) {
    String[] args = (command + " --help").trim().split(" ");
    // a bare % in a description makes picocli print its text unformatted, with a warning on
    // System.err (its tracer, not the command's error writer)
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream traced = new java.io.ByteArrayOutputStream();
    CliRun r;
    try {
      System.setErr(new java.io.PrintStream(traced, true, java.nio.charset.StandardCharsets.UTF_8));
      r = CliRun.of(args);
    } finally {
      System.setErr(stderr);
    }
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Usage: liqopt"), r.out());
    assertFalse(
        traced.toString(java.nio.charset.StandardCharsets.UTF_8).contains("picocli WARN"),
        traced.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void unknownOption_usageError_exit2_oneLine() {
    CliRun r = CliRun.of("data", "info", "--bogus");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("liqopt: Unknown option: '--bogus'"), r.err());
    assertFalse(r.err().contains("\tat "), "stack trace leaked");
  }

  @Test
  void missingSubcommand_usageError_exit2() {
    assertEquals(2, CliRun.of("data").exitCode());
    assertEquals(2, CliRun.of().exitCode());
  }

  @Test
  void badOptionValues_usageError_exit2() {
    assertEquals(
        2, CliRun.of("data", "generate", "--data", data(), "--symbols", "1001").exitCode());
    assertEquals(2, CliRun.of("data", "info", "--interval", "7x").exitCode());
    assertEquals(
        2,
        CliRun.of(
                "data",
                "download",
                "--symbol",
                "BTCUSDT",
                "--from",
                "2024-05",
                "--to",
                "2024-01",
                "--data",
                data())
            .exitCode());
  }

  @Test
  void generateThenInfo_printsSummary() {
    CliRun g =
        CliRun.of(
            "data",
            "generate",
            "--data",
            data(),
            "--symbols",
            "2",
            "--years",
            "0.5",
            "--seed",
            "3");
    assertEquals(0, g.exitCode(), g.err());
    CliRun info = CliRun.of("data", "info", "--data", data(), "SYNETHUSDT");
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().contains("SYNETHUSDT") && !info.out().contains("SYNBTCUSDT"), info.out());
  }

  @Test
  void info_emptyStoreOrUnknownSymbol_failure_exit1_oneLine() {
    CliRun empty = CliRun.of("data", "info", "--data", data());
    assertEquals(1, empty.exitCode());
    assertTrue(empty.err().startsWith("liqopt: error: no market data"), empty.err());
    CliRun.of("data", "generate", "--data", data(), "--symbols", "1", "--years", "0.1");
    CliRun unknown = CliRun.of("data", "info", "--data", data(), "NOPEUSDT");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("no data for NOPEUSDT"), unknown.err());
    assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
  }

  @Test
  void import_malformedFile_exit1_fileAndLine_nothingWritten() throws IOException {
    Path good = dir.resolve("AAAUSDT_1h.csv");
    Files.writeString(good, HEADER + T0 + ",1,2,0.5,1.5,3,4\n");
    Path bad = dir.resolve("BBBUSDT_1h.csv");
    Files.writeString(bad, HEADER + T0 + ",1,2,0.5,1.5,3,4\n" + (T0 + H) + ",1,2,0.5,NaN,3,4\n");
    CliRun r = CliRun.of("data", "import", "--data", data(), good.toString(), bad.toString());
    assertEquals(1, r.exitCode());
    assertEquals("liqopt: error: " + bad + ":3: price is not finite", r.err().strip());
    assertFalse(Files.exists(dir.resolve("data/market")), "an import that failed wrote files");

    CliRun skipped =
        CliRun.of(
            "data", "import", "--data", data(), "--skip-invalid", good.toString(), bad.toString());
    assertEquals(0, skipped.exitCode(), skipped.err());
    assertTrue(skipped.out().contains("NON_FINITE_PRICE"), skipped.out());
    assertTrue(new MarketStore(dir.resolve("data")).contains("BBBUSDT", BarInterval.H1));
  }

  @Test
  void failure_stackTraceOnlyWithVerbose() throws IOException {
    Path bad = dir.resolve("BBBUSDT_1h.csv");
    Files.writeString(bad, HEADER + T0 + ",1,2,0.5,NaN,3,4\n");
    CliRun quiet = CliRun.of("data", "import", "--data", data(), bad.toString());
    assertEquals(1, quiet.exitCode());
    assertFalse(quiet.err().contains("\tat "), quiet.err());
    CliRun verbose = CliRun.of("data", "import", "--data", data(), bad.toString(), "--verbose");
    assertEquals(1, verbose.exitCode());
    assertTrue(verbose.err().contains("\tat io.liqopt"), verbose.err());
    assertTrue(verbose.err().strip().endsWith(bad + ":2: price is not finite"), verbose.err());
  }

  @Test
  void import_twice_idempotent_conflictRefused() throws IOException {
    Path f = dir.resolve("AAAUSDT_1h.csv");
    Files.writeString(f, HEADER + T0 + ",1,2,0.5,1.5,3,4\n" + (T0 + H) + ",1.5,2,1,1.2,3,4\n");
    assertEquals(0, CliRun.of("data", "import", "--data", data(), f.toString()).exitCode());
    CliRun again = CliRun.of("data", "import", "--data", data(), f.toString());
    assertEquals(0, again.exitCode());
    assertTrue(again.out().contains("+0 bars (2 already stored)"), again.out());
    Path conflicting = dir.resolve("other.csv");
    Files.writeString(conflicting, HEADER + (T0 + H) + ",1.5,2,1,1.3,3,4\n");
    CliRun c =
        CliRun.of(
            "data",
            "import",
            "--data",
            data(),
            "--symbol",
            "AAAUSDT",
            "--interval",
            "1h",
            conflicting.toString());
    assertEquals(1, c.exitCode());
    assertTrue(c.err().contains("conflict"), c.err());
  }

  @Test
  void download_localServer_importsVerifiedMonths_failsOnBadChecksum() throws Exception {
    try (BinanceArchiveServer server = new BinanceArchiveServer()) {
      server.publishMonth("ETHUSDT", YearMonth.of(2024, 1), 2000, false);
      server.publishMonth("ETHUSDT", YearMonth.of(2024, 3), 2100, false);
      CliRun r =
          CliRun.of(
              "data",
              "download",
              "--data",
              data(),
              "--symbol",
              "ETHUSDT",
              "--from",
              "2024-01",
              "--to",
              "2024-03",
              "--base-url",
              server.baseUrl().toString());
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().contains("missing") && r.out().contains("2024-02"), r.out());
      var s = new MarketStore(dir.resolve("data")).read("ETHUSDT", BarInterval.H1);
      assertEquals((31 + 31) * 24, s.size());
      assertEquals(1, s.gaps().size()); // February is a reported gap, not filled

      server.publishMonth("ETHUSDT", YearMonth.of(2024, 4), 2200, true);
      CliRun bad =
          CliRun.of(
              "data",
              "download",
              "--data",
              data(),
              "--symbol",
              "ETHUSDT",
              "--from",
              "2024-01",
              "--to",
              "2024-04",
              "--base-url",
              server.baseUrl().toString());
      assertEquals(1, bad.exitCode());
      assertTrue(
          bad.err().contains("2024-04") && bad.err().contains("SHA-256 mismatch"), bad.err());
      // January and March are stored; February holds no bar, so it is asked for again (still 404)
      assertTrue(bad.out().contains("already stored    2  2024-01 2024-03"), bad.out());
      assertTrue(bad.out().contains("missing           1  2024-02"), bad.out());
    }
  }

  @Test
  void quickstart_generatesStoreAndSummary() {
    CliRun r =
        CliRun.of(
            "quickstart",
            "--data",
            data(),
            "--symbols",
            "2",
            "--years",
            "0.75",
            "--reports",
            dir.resolve("reports").toString(),
            "--models",
            dir.resolve("models").toString(),
            "--port",
            "0",
            "--check-serve");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("SYNBTCUSDT") && r.out().contains("market data:"), r.out());
    assertTrue(r.out().contains("dashboard:    http://127.0.0.1:"), r.out());
    assertTrue(r.out().contains("check: POST /v1/positions/assess -> 200"), r.out());
    assertTrue(r.out().contains("[5/7] backtest") && r.out().contains("backtest:     "), r.out());
    assertTrue(
        r.out().contains("[6/7] the last day") && r.out().contains("replay:       "), r.out());
    assertTrue(new MarketStore(dir.resolve("data")).contains("SYNETHUSDT", BarInterval.H1));
    assertTrue(r.out().contains("evaluation:") && r.out().contains("index.html"), r.out());
    assertTrue(r.out().contains("model bundle:"), r.out());
    CliRun verify = CliRun.of("models", "verify", "--models", dir.resolve("models").toString());
    assertEquals(0, verify.exitCode(), verify.err());
    assertTrue(verify.out().contains(": ok ("), verify.out());
    CliRun list = CliRun.of("models", "list", "--models", dir.resolve("models").toString());
    assertTrue(list.out().contains("(LATEST)"), list.out());
  }

  @Test
  void backtest_writesReportWithFrontier_badPolicyIsUsageError() throws IOException {
    CliRun.of("data", "generate", "--data", data(), "--symbols", "2", "--years", "0.7");
    Path reportsDir = dir.resolve("bt-reports");
    CliRun r =
        CliRun.of(
            "backtest",
            "--data",
            data(),
            "--policies",
            "static,ewma,oracle",
            "--seeds",
            "1",
            "--min-train-days",
            "120",
            "--refit-days",
            "60",
            "--reports",
            reportsDir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ewma-ungoverned") && r.out().contains("oracle"), r.out());
    assertTrue(r.out().contains("position-hours/s"), r.out());
    Path run;
    try (var s = Files.list(reportsDir.resolve("backtest"))) {
      run = s.findFirst().orElseThrow();
    }
    for (String f : List.of("metrics.json", "index.html", "frontier.png")) {
      assertTrue(Files.size(run.resolve(f)) > 0, f);
    }
    try (var s = Files.list(run)) {
      List<String> names = s.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().anyMatch(n -> n.matches("lt-SYN\\w+-\\d{4}\\.png")), "" + names);
      assertTrue(names.stream().anyMatch(n -> n.startsWith("liquidations-")), "" + names);
    }
    assertTrue(Files.readString(run.resolve("index.html")).contains("What it found"));
    CliRun bad = CliRun.of("backtest", "--data", data(), "--policies", "static,magic");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("magic"), bad.err());
    Path sim = dir.resolve("sim.json");
    Files.writeString(sim, "{\"meanHoldHours\": 240, \"holdForever\": true}");
    CliRun badSim = CliRun.of("backtest", "--data", data(), "--simulation", sim.toString());
    assertEquals(2, badSim.exitCode(), badSim.err());
    assertTrue(badSim.err().contains("holdForever"), badSim.err());
  }

  @Test
  void backtest_sweepAlphas_printsFamilyTable_badAlphaIsUsageError() throws IOException {
    CliRun.of("data", "generate", "--data", data(), "--symbols", "2", "--years", "0.7");
    CliRun r =
        CliRun.of(
            "backtest",
            "--data",
            data(),
            "--policies",
            "static,ewma",
            "--sweep-alphas",
            "0.95,0.99",
            "--seeds",
            "1",
            "--min-train-days",
            "120",
            "--refit-days",
            "60",
            "--reports",
            dir.resolve("sweep-reports").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ewma-a0.95") && r.out().contains("ewma-a0.99"), r.out());
    assertTrue(r.out().contains("Families against the static frontier"), r.out());
    assertTrue(r.out().contains("family ewma (ewma-a0.95, ewma-a0.99)"), r.out());
    try (var s = Files.list(dir.resolve("data").resolve("cache").resolve("forecasts"))) {
      assertEquals(1, s.count());
    }
    CliRun bad =
        CliRun.of("backtest", "--data", data(), "--policies", "static", "--sweep-alphas", "0.9");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("ewma"), bad.err());
  }

  @Test
  void simulate_ltWritesReport_portfolioStresses_badFilesRefused() throws IOException {
    CliRun.of("data", "generate", "--data", data(), "--symbols", "3", "--years", "1");
    Path reportsDir = dir.resolve("sim-reports");
    CliRun lt =
        CliRun.of(
            "simulate",
            "lt",
            "--data",
            data(),
            "--epsilon",
            "0.01,0.05",
            "--paths",
            "2000",
            "--max-paths",
            "4000",
            "--model",
            "ewma",
            "--reports",
            reportsDir.toString());
    assertEquals(0, lt.exitCode(), lt.err());
    assertTrue(lt.out().contains("SYNBTCUSDT") && lt.out().contains("LT*"), lt.out());
    Path run;
    try (var s = Files.list(reportsDir.resolve("simulate-lt"))) {
      run = s.findFirst().orElseThrow();
    }
    for (String f :
        List.of("metrics.json", "index.html", "insolvency-SYNBTCUSDT.png", "fan-SYNETHUSDT.png")) {
      assertTrue(Files.size(run.resolve(f)) > 0, f);
    }
    assertTrue(Files.readString(run.resolve("metrics.json")).contains("\"wilsonLow\""));

    Path pos = dir.resolve("position.json");
    Files.writeString(
        pos,
        "{\"debtQuote\": 20000, \"collateral\": ["
            + "{\"symbol\": \"SYNBTCUSDT\", \"quantity\": 1.0},"
            + "{\"symbol\": \"SYNETHUSDT\", \"quantity\": 5.0, \"lt\": 0.8},"
            + "{\"symbol\": \"SYNSOLUSDT\", \"quantity\": 100, \"priceQuote\": 20}]}");
    CliRun pf =
        CliRun.of(
            "simulate",
            "portfolio",
            pos.toString(),
            "--data",
            data(),
            "--paths",
            "5000",
            "--model",
            "ewma",
            "--reports",
            reportsDir.toString());
    assertEquals(0, pf.exitCode(), pf.err());
    assertTrue(
        pf.out().contains("health factor now")
            && pf.out().contains("P(insolvency)")
            && pf.out().contains("historical"),
        pf.out());
    try (var s = Files.list(reportsDir.resolve("simulate-portfolio"))) {
      run = s.findFirst().orElseThrow();
    }
    for (String f : List.of("metrics.json", "index.html", "hf-fan.png")) {
      assertTrue(Files.size(run.resolve(f)) > 0, f);
    }

    for (String bad :
        List.of(
            "{\"debtQuote\": 1",
            "[1, 2]",
            "{\"debtQuote\": -5, \"collateral\": [{\"symbol\": \"SYNBTCUSDT\", \"quantity\": 1}]}",
            "{\"debtQuote\": 5, \"collateral\": []}",
            "{\"debtQuote\": 5, \"collateral\": [{\"symbol\": \"SYNBTCUSDT\", \"qty\": 1}]}")) {
      Files.writeString(pos, bad);
      CliRun r = CliRun.of("simulate", "portfolio", pos.toString(), "--data", data());
      assertEquals(2, r.exitCode(), bad + " -> " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains("position.json"), r.err());
    }
    Files.writeString(
        pos,
        "{\"debtQuote\": 5, \"collateral\": [{\"symbol\": \"NOPEUSDT\", " + "\"quantity\": 1}]}");
    CliRun unknown = CliRun.of("simulate", "portfolio", pos.toString(), "--data", data());
    assertEquals(1, unknown.exitCode(), unknown.err());
    assertTrue(unknown.err().contains("NOPEUSDT"), unknown.err());
    assertEquals(2, CliRun.of("simulate", "lt", "--data", data(), "--epsilon", "0.7").exitCode());
    assertEquals(2, CliRun.of("simulate", "lt", "--data", data(), "--as-of", "someday").exitCode());
    assertEquals(2, CliRun.of("simulate").exitCode());
  }

  @Test
  void serve_quantilesOptionRetired_usageError_baselineTakesPaths() {
    CliRun retired = CliRun.of("serve", "--data", data(), "--quantiles", "paths");
    assertEquals(2, retired.exitCode(), retired.err());
    assertTrue(retired.err().contains("--quantiles"), retired.err());
    CliRun bad = CliRun.of("serve", "--data", data(), "--baseline", "nope+paths");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("+paths"), bad.err());
  }

  @Test
  void thresholds_fromABundle_itsChosenQuantileSources() throws IOException {
    Path models = dir.resolve("models");
    CliRun.of("data", "generate", "--data", data(), "--symbols", "2", "--years", "0.8");
    CliRun none = CliRun.of("thresholds", "--data", data(), "--models", models.toString());
    assertEquals(1, none.exitCode(), none.err());
    assertTrue(none.err().contains("liqopt train"), none.err());
    CliRun train =
        CliRun.of(
            "train", "--data", data(), "--models", models.toString(), "--max-train-rows", "3000");
    assertEquals(0, train.exitCode(), train.err());
    String id = new io.liqopt.ml.BundleStore(models).latestId().orElseThrow();
    var sources =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(models.resolve(id).resolve("manifest.json").toFile())
            .at("/hyperParameters/selections/quantileSources");
    assertEquals(2, sources.size(), sources.toString());
    boolean paths = false;
    for (var s : sources) {
      assertTrue(s.at("/meanPinballLoss/model").asDouble() > 0, sources.toString());
      assertTrue(s.at("/meanPinballLoss/paths").asDouble() > 0, sources.toString());
      paths |= s.get("chosen").asText().equals("paths");
    }
    CliRun r = CliRun.of("thresholds", "--data", data(), "--models", models.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("model " + id + (paths ? "+paths;" : ";")), r.out());
    assertTrue(r.out().contains("SYNBTCUSDT"), r.out());
    CliRun named =
        CliRun.of("thresholds", "--data", data(), "--models", models.toString(), "--bundle", id);
    assertEquals(r.out(), named.out());
    CliRun both =
        CliRun.of(
            "thresholds", "--data", data(), "--models", models.toString(), "--model", "garch");
    assertEquals(2, both.exitCode(), both.err());
    CliRun missing =
        CliRun.of(
            "thresholds", "--data", data(), "--models", models.toString(), "--bundle", "nope");
    assertEquals(1, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("nope"), missing.err());
  }

  @Test
  void serve_badOptionsOrNoBundle_oneLineErrors() {
    CliRun usage = CliRun.of("serve", "--data", data(), "--clock", "sometimes");
    assertEquals(2, usage.exitCode(), usage.err());
    assertTrue(usage.err().contains("--clock"), usage.err());
    CliRun.of("data", "generate", "--data", data(), "--symbols", "2", "--years", "0.2");
    CliRun none =
        CliRun.of(
            "serve",
            "--data",
            data(),
            "--models",
            dir.resolve("no-models").toString(),
            "--port",
            "0");
    assertEquals(1, none.exitCode(), none.err());
    assertTrue(none.err().contains("liqopt train"), none.err());
    assertEquals(
        1,
        none.err().strip().lines().filter(l -> l.startsWith("liqopt: error")).count(),
        none.err());
  }

  @Test
  void models_verifyTamperedOrMissing_failure_exit1_withTheReason() throws IOException {
    Path models = dir.resolve("models");
    assertEquals(1, CliRun.of("models", "verify", "--models", models.toString()).exitCode());
    CliRun.of("data", "generate", "--data", data(), "--symbols", "2", "--years", "0.8");
    CliRun train =
        CliRun.of(
            "train", "--data", data(), "--models", models.toString(), "--max-train-rows", "3000");
    assertEquals(0, train.exitCode(), train.err());
    String id = new io.liqopt.ml.BundleStore(models).latestId().orElseThrow();
    assertTrue(train.out().contains("overridden: --max-train-rows 3000"), train.out());
    var manifest =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(models.resolve(id).resolve("manifest.json").toFile());
    assertEquals("liqopt-ml", manifest.at("/recipe/name").asText());
    assertEquals("[\"--max-train-rows 3000\"]", manifest.at("/recipe/overrides").toString());
    assertEquals(3000, manifest.at("/hyperParameters/options/maxTrainRows").asInt());
    Files.writeString(models.resolve(id).resolve("calibration.json"), "{}");
    CliRun bad = CliRun.of("models", "verify", "--models", models.toString());
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("checksum mismatch for calibration.json"), bad.err());
    assertEquals(2, CliRun.of("train", "--data", data(), "--as-of", "yesterday").exitCode());
  }

  @Test
  void evaluate_smallStore_writesReportWithBaselinesSideBySide() throws IOException {
    CliRun.of("data", "generate", "--data", data(), "--symbols", "2", "--years", "0.75");
    Path reports = dir.resolve("reports");
    CliRun r =
        CliRun.of(
            "evaluate",
            "--data",
            data(),
            "--reports",
            reports.toString(),
            "--min-train-days",
            "120",
            "--test-block-days",
            "60",
            "--models",
            "baselines",
            "--reference",
            "hs");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("overridden: --min-train-days 120"), r.out());
    Path run;
    try (Stream<Path> runs = Files.list(reports.resolve("evaluate"))) {
      run = runs.findFirst().orElseThrow();
    }
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(run.resolve("metrics.json").toFile());
    assertEquals(120, json.at("/config/minTrainDays").asInt());
    var pooled = json.at("/scores/pooled");
    assertEquals(2, pooled.size(), "one pooled cell per horizon (1 h, 24 h)");
    for (var cell : pooled) {
      assertEquals(
          7, cell.get("models").size(), "hs, ewma, garch, har, har-cal, garch-cal, har-garch");
      assertEquals("hs", cell.get("models").get(0).get("model").asText());
      assertTrue(cell.get("models").get(1).at("/variance/qlike").asDouble() > 0);
    }
    assertTrue(json.at("/scores/perFold").size() > 0);
    for (var cell : json.at("/scores/perAsset")) {
      int h = cell.get("horizonHours").asInt();
      var ewma = cell.get("models").get(1);
      assertEquals(2 * h, ewma.at("/allHoursCoverage/0.99/hitRate/lag").asInt());
      assertEquals(h, ewma.at("/allHoursCoverage/0.99/dynamicQuantile/firstLag").asInt());
      assertTrue(
          ewma.at("/holm/0.99/hitRate").asDouble()
              >= ewma.at("/allHoursCoverage/0.99/hitRate/pValue").asDouble());
    }
    assertTrue(r.out().contains("24 h, 0.99 quantile per asset"), r.out());
    String html = Files.readString(run.resolve("index.html"));
    assertTrue(html.contains("QLIKE") && html.contains("ewma") && html.contains("class=\"best\""));
    assertTrue(html.contains("HAC p 0.99") && html.contains("Kupiec p 0.99 (1 phase)"));
    assertTrue(Files.size(run.resolve("vol-SYNBTCUSDT-24h.png")) > 1000);
    assertTrue(Files.exists(run.resolve("stress-reliability.png")));
    assertEquals("liqopt-ml", json.at("/run/recipe/name").asText());
    assertEquals(
        "[\"--min-train-days 120\",\"--test-block-days 60\",\"--models baselines\","
            + "\"--reference hs\"]",
        json.at("/run/recipe/overrides").toString());
  }

  @Test
  void evaluate_recipeFile_runsItsValues_badRecipe_usageError() throws IOException {
    CliRun.of("data", "generate", "--data", data(), "--symbols", "1", "--years", "0.75");
    String text;
    try (var in = io.liqopt.training.Recipe.class.getResourceAsStream("recipes/default.json")) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Path recipe = dir.resolve("recipe.json");
    Files.writeString(
        recipe,
        text.replace("\"seed\": 42", "\"seed\": 7")
            .replace("\"minTrainDays\": 180", "\"minTrainDays\": 120")
            .replace("\"reference\": \"har-garch\"", "\"reference\": \"har\"")
            .replace("\"models\": [\"baselines\", \"ml\"]", "\"models\": [\"hs\", \"har\"]"));
    Path reports = dir.resolve("reports");
    CliRun r =
        CliRun.of(
            "evaluate",
            "--data",
            data(),
            "--reports",
            reports.toString(),
            "--recipe",
            recipe.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("as written"), r.out());
    Path run;
    try (Stream<Path> runs = Files.list(reports.resolve("evaluate"))) {
      run = runs.findFirst().orElseThrow();
    }
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(run.resolve("metrics.json").toFile());
    assertEquals(7, json.at("/config/seed").asInt());
    assertEquals(120, json.at("/config/minTrainDays").asInt());
    assertEquals("[\"har\",\"hs\"]", json.at("/config/models").toString());
    assertEquals(recipe.toString(), json.at("/run/recipe/source").asText());
    assertEquals(0.005, json.at("/config/quantileTrackingGamma").asDouble(), 0);
    Files.writeString(
        recipe, text.replace("\"name\": \"liqopt-ml\",", "\"name\": \"liqopt-ml\", \"x\": 1,"));
    CliRun bad =
        CliRun.of(
            "evaluate",
            "--data",
            data(),
            "--reports",
            reports.toString(),
            "--recipe",
            recipe.toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("\"x\""), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
  }

  @Test
  void thresholds_perAssetTableWithinBounds_badPolicyRefused() throws IOException {
    CliRun.of("data", "generate", "--data", data(), "--symbols", "2", "--years", "0.5");
    CliRun r = CliRun.of("thresholds", "--data", data(), "--model", "ewma");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("SYNBTCUSDT") && r.out().contains("SYNETHUSDT"), r.out());
    assertTrue(r.out().contains("model ewma"), r.out());
    var thresholds =
        ThresholdsCommand.print(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new MarketStore(dir.resolve("data")),
            null,
            null,
            new io.liqopt.core.forecast.baseline.EwmaForecaster(),
            io.liqopt.core.policy.ResolvedPolicy.defaultPolicy(),
            0.10);
    assertEquals(2, thresholds.size());
    for (var t : thresholds) {
      assertTrue(0 < t.ltv() && t.ltv() < t.lt() && t.lt() < 1, t.toString());
      assertTrue(t.bonus() >= 0.02 && t.bonus() <= 0.15, t.toString());
      assertFalse(t.stale(), "inputs are as of the last bar's close");
    }
    Path bad = dir.resolve("policy.json");
    Files.writeString(bad, "{\"defaults\": {\"alpha\": 1.2}}");
    CliRun refused = CliRun.of("thresholds", "--data", data(), "--policy", bad.toString());
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("alpha") && refused.err().contains("1.2"), refused.err());
    assertEquals(2, CliRun.of("thresholds", "--data", data(), "--model", "oracle").exitCode());
  }

  @Test
  void evaluate_badOptions_usageError_exit2() {
    assertEquals(2, CliRun.of("evaluate", "--data", data(), "--models", "oracle").exitCode());
    assertEquals(2, CliRun.of("evaluate", "--data", data(), "--horizons", "0").exitCode());
    assertEquals(2, CliRun.of("evaluate", "--data", data(), "--embargo-hours", "5").exitCode());
  }

  @Test
  void evaluate_emptyOrShortStore_failure_exit1_oneLine() {
    CliRun empty = CliRun.of("evaluate", "--data", data());
    assertEquals(1, empty.exitCode());
    assertTrue(empty.err().contains("no hourly series"), empty.err());
    CliRun.of("data", "generate", "--data", data(), "--symbols", "1", "--years", "0.2");
    CliRun shortData = CliRun.of("evaluate", "--data", data());
    assertEquals(1, shortData.exitCode());
    assertTrue(shortData.err().contains("180 days"), shortData.err());
    assertEquals(1, shortData.err().strip().lines().count(), shortData.err());
  }

  @Test
  void stressLevelOutsideUnitInterval_usageError_exit2_beforeAnyWork() {
    for (String[] args :
        new String[][] {
          {"backtest", "--data", "nowhere", "--stress-level", "5"},
          {"simulate", "lt", "--data", "nowhere", "--stress-level", "0"},
          {"thresholds", "--data", "nowhere", "--stress-level", "-0.1"}
        }) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().contains("stress"), r.err());
    }
  }
}

package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commands answer on a fixed seeded synthetic market, recorded before the code behind them
 * was moved (see {@code src/test/resources/golden-outputs/README.md}): the walk-forward evaluation
 * of the four baselines, the backtest of the static grid, the venue presets, EWMA and the oracle,
 * today's thresholds, and the stochastic calibration. A refactoring must leave every one unchanged;
 * a deliberate change of behaviour regenerates them in a commit of its own.
 */
class GoldenOutputsTest {
  /** 3 assets, 1 year, seed 5: 6 evaluation folds and a half-year backtest in a few seconds. */
  static final List<String> MARKET = List.of("--symbols", "3", "--years", "1", "--seed", "5");

  @TempDir static Path dir;

  static String data() {
    return dir.resolve("data").toString();
  }

  @BeforeAll
  static void market() {
    CliRun r =
        CliRun.of(
            Stream.concat(Stream.of("data", "generate", "--data", data()), MARKET.stream())
                .toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void evaluate_baselines_asRecorded() throws IOException {
    JsonNode m =
        metrics(
            "evaluate",
            "evaluate",
            "--data",
            data(),
            "--horizons",
            "1,24",
            "--seed",
            "42",
            "--models",
            "baselines",
            "--reference",
            "hs");
    // per-fold scores cut the same forecasts finer than per asset; left out to keep the file small
    ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("scores")).remove("perFold");
    // the recipe's hash changes with every reviewed change of it; its name and overrides stay
    ((com.fasterxml.jackson.databind.node.ObjectNode) m.at("/run/recipe")).remove("sha256");
    GoldenJson.assertMatches("evaluate.json", m);
  }

  @Test
  void backtest_classicalPolicies_asRecorded() throws IOException {
    JsonNode m =
        metrics(
            "backtest",
            "backtest",
            "--data",
            data(),
            "--policies",
            "static,aave,morpho,ewma,oracle",
            "--seed",
            "1",
            "--seeds",
            "2");
    GoldenJson.assertMatches("backtest.json", m);
  }

  @Test
  void backtest_examplePolicyFile_asRecorded() throws IOException {
    JsonNode m =
        metrics(
            "backtest",
            "backtest",
            "--data",
            data(),
            "--policies",
            "static,ewma",
            "--seed",
            "3",
            "--seeds",
            "1",
            "--policy",
            Path.of("..", "config", "policy.example.json").toString());
    GoldenJson.assertMatches("backtest-example-policy.json", m);
  }

  @Test
  void thresholds_everyBaseline_asRecorded() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String model : List.of("garch", "ewma", "har", "hs")) {
      CliRun r = CliRun.of("thresholds", "--data", data(), "--model", model);
      assertEquals(0, r.exitCode(), r.err());
      all.append("$ thresholds --model ").append(model).append('\n').append(r.out());
    }
    CliRun r =
        CliRun.of(
            "thresholds",
            "--data",
            data(),
            "--model",
            "garch",
            "--policy",
            Path.of("..", "config", "policy.example.json").toString());
    assertEquals(0, r.exitCode(), r.err());
    all.append("$ thresholds --model garch --policy config/policy.example.json\n").append(r.out());
    GoldenJson.assertTextMatches("thresholds.txt", all.toString());
  }

  @Test
  void simulateLt_asRecorded() throws IOException {
    JsonNode m =
        metrics(
            "simulate-lt",
            "simulate",
            "lt",
            "--data",
            data(),
            "--paths",
            "2000",
            "--max-paths",
            "4000",
            "--epsilon",
            "0.005,0.01,0.05",
            "--seed",
            "3");
    GoldenJson.assertMatches("simulate-lt.json", m);
  }

  @Test
  void simulatePortfolio_asRecorded() throws IOException {
    Path position = dir.resolve("position.json");
    Files.writeString(
        position,
        "{\"debtQuote\": 30000, \"collateral\": [{\"symbol\": "
            + "\"SYNBTCUSDT\", \"quantity\": 1}, {\"symbol\": \"SYNETHUSDT\", \"quantity\": 5}]}",
        StandardCharsets.UTF_8);
    JsonNode m =
        metrics(
            "simulate-portfolio",
            "simulate",
            "portfolio",
            position.toString(),
            "--data",
            data(),
            "--paths",
            "4000",
            "--seed",
            "3");
    GoldenJson.assertMatches("simulate-portfolio.json", m);
  }

  /** Runs a command with its own reports folder and returns the one metrics.json it wrote. */
  private static JsonNode metrics(String reportKind, String... args) throws IOException {
    Path reports = Files.createTempDirectory(dir, "reports");
    String[] all =
        Stream.concat(Stream.of(args), Stream.of("--reports", reports.toString()))
            .toArray(String[]::new);
    CliRun r = CliRun.of(all);
    assertEquals(0, r.exitCode(), r.err());
    try (Stream<Path> runs = Files.list(reports.resolve(reportKind))) {
      List<Path> found =
          runs.map(p -> p.resolve("metrics.json")).filter(Files::isRegularFile).toList();
      assertEquals(1, found.size(), () -> "metrics.json files: " + found);
      return GoldenJson.read(Files.readString(found.get(0), StandardCharsets.UTF_8));
    }
  }
}

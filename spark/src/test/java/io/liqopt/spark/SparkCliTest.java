package io.liqopt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line with the spark module on its class path: {@code train --walk-forward} with and
 * without {@code --engine spark} writes bundles whose walk-forward metrics are the same.
 */
class SparkCliTest {
  @TempDir Path dir;

  @Test
  void trainWalkForward_onSpark_sameMetricsInTheManifest() throws IOException {
    String data = dir.resolve("data").toString();
    assertEquals(0, run("data", "generate", "--data", data, "--symbols", "3", "--years", "1"));
    Path recipe = dir.resolve("small.json");
    Files.writeString(recipe, SmallRecipe.of().toJson());
    String local = dir.resolve("models-local").toString();
    String spark = dir.resolve("models-spark").toString();
    String reports = dir.resolve("reports").toString();
    List<String> common =
        List.of(
            "train",
            "--data",
            data,
            "--recipe",
            recipe.toString(),
            "--walk-forward",
            "--reports",
            reports,
            "--as-of",
            "2021-12-01");
    assertEquals(0, run(concat(common, "--models", local)));
    assertEquals(
        0, run(concat(common, "--models", spark, "--engine", "spark", "--master", "local[2]")));
    JsonNode a = manifest(Path.of(local));
    JsonNode b = manifest(Path.of(spark));
    assertNotNull(a.get("metrics").get("pooled"), a.toString());
    assertEquals(a.get("metrics").get("pooled"), b.get("metrics").get("pooled"));
    assertEquals(a.get("data"), b.get("data"));
  }

  /**
   * {@code optimize --simulated-histories} with each history a Spark task: the same rows and pooled
   * figures as the single-JVM run.
   */
  @Test
  void optimizeSimulatedHistories_onSpark_sameRowsAndPool() throws IOException {
    String data = dir.resolve("data").toString();
    assertEquals(0, run("data", "generate", "--data", data, "--symbols", "2", "--years", "1.2"));
    List<String> common =
        smallOptimize(
            data,
            "--no-cache",
            "--simulated-histories",
            "3",
            "--history-block-hours",
            "48",
            "--history-seed",
            "5");
    Path here = dir.resolve("reports-here");
    Path there = dir.resolve("reports-spark");
    runHereAndOnSpark(common, here, there);
    JsonNode a = metrics(here.resolve("optimize-histories"));
    JsonNode b = metrics(there.resolve("optimize-histories"));
    assertEquals(3, a.get("rows").size());
    for (JsonNode row : a.get("rows")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) row).remove("report"); // run-id folders
    }
    for (JsonNode row : b.get("rows")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) row).remove("report");
    }
    assertEquals(a.get("rows"), b.get("rows"));
    assertEquals(a.get("pooled"), b.get("pooled"));
    assertEquals(a.get("garch"), b.get("garch"));
  }

  /**
   * {@code backtest --policies static,ml} with the ML walk-forward's groups of fits and the
   * simulations (a policy and an asset each) as Spark tasks, {@code optimize} on the real history
   * with HAR's fits and the candidates as tasks, {@code simulate lt} with an asset per task and
   * {@code simulate portfolio} with a block of paths per task: the same metrics as in one JVM.
   */
  @Test
  void backtestOptimizeSimulate_onSpark_sameMetrics() throws IOException {
    String data = dir.resolve("data").toString();
    assertEquals(0, run("data", "generate", "--data", data, "--symbols", "2", "--years", "1.2"));
    Map<String, List<String>> runs = new java.util.LinkedHashMap<>();
    runs.put(
        "backtest",
        List.of(
            "backtest", "--data", data, "--no-cache", "--seeds", "2", "--policies", "static,ml"));
    runs.put(
        "optimize", smallOptimize(data, "--forecaster", "har")); // its cache in its reports folder
    runs.put(
        "simulate-lt",
        List.of(
            "simulate",
            "lt",
            "--data",
            data,
            "--epsilon",
            "0.01,0.05",
            "--paths",
            "20000",
            "--max-paths",
            "80000"));
    Path position = dir.resolve("position.json");
    Files.writeString(
        position,
        "{\"debtQuote\": 20000, \"collateral\": [{\"symbol\": \"SYNBTCUSDT\", \"quantity\": 1.0},"
            + "{\"symbol\": \"SYNETHUSDT\", \"quantity\": 5.0, \"lt\": 0.8}]}");
    runs.put(
        "simulate-portfolio",
        List.of(
            "simulate",
            "portfolio",
            position.toString(),
            "--data",
            data,
            "--paths",
            "20000",
            "--hours",
            "48",
            "--model",
            "ewma"));
    for (Map.Entry<String, List<String>> r : runs.entrySet()) {
      Path here = dir.resolve(r.getKey() + "-here");
      Path there = dir.resolve(r.getKey() + "-spark");
      runHereAndOnSpark(r.getValue(), here, there);
      JsonNode a = withoutTimings(metrics(here.resolve(r.getKey())));
      JsonNode b = withoutTimings(metrics(there.resolve(r.getKey())));
      assertTrue(a.size() >= 3, a.toString()); // figures, not an empty page
      assertEquals(a, b, r.getKey());
    }
  }

  /**
   * {@code evaluate --interval 1m} on a synthetic minute market, in the JVM and on Spark (tasks per
   * fold and asset, the market read by each worker at its interval): the same metrics.
   */
  @Test
  void evaluateMinuteBars_onSpark_sameMetrics() throws IOException {
    String data = dir.resolve("minutes").toString();
    assertEquals(
        0,
        run(
            "data",
            "generate",
            "--data",
            data,
            "--symbols",
            "2",
            "--years",
            "0.42",
            "--interval",
            "1m"));
    Path here = dir.resolve("minutes-here");
    Path there = dir.resolve("minutes-spark");
    runHereAndOnSpark(
        List.of(
            "evaluate",
            "--data",
            data,
            "--interval",
            "1m",
            "--models",
            "ewma,har",
            "--horizons",
            "24",
            "--min-train-days",
            "120",
            "--test-block-days",
            "15"),
        here,
        there);
    JsonNode a = withoutTimings(metrics(here.resolve("evaluate")));
    JsonNode b = withoutTimings(metrics(there.resolve("evaluate")));
    assertTrue(a.at("/scores/perAsset").size() == 2, a.toString());
    assertEquals(a.get("scores"), b.get("scores"));
    assertEquals(a.get("folds"), b.get("folds"));
  }

  /**
   * {@code args} in this JVM with reports in {@code here}, then on Spark with them in {@code
   * there}.
   */
  private static void runHereAndOnSpark(List<String> args, Path here, Path there) {
    assertEquals(0, run(concat(withReports(args, here))));
    assertEquals(
        0, run(concat(withReports(args, there), "--engine", "spark", "--master", "local[2]")));
  }

  /** {@code args} with their reports, and {@code optimize}'s forecast cache, in {@code dir}. */
  private static List<String> withReports(List<String> args, Path dir) {
    List<String> out = new java.util.ArrayList<>(args);
    out.addAll(List.of("--reports", dir.toString()));
    if (args.get(0).equals("optimize") && !args.contains("--no-cache")) {
      out.addAll(List.of("--cache", dir.resolve("cache").toString()));
    }
    return out;
  }

  /** {@code optimize} of one candidate over one seed on {@code data}, then {@code more}. */
  private static List<String> smallOptimize(String data, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "optimize",
                "--data",
                data,
                "--seeds",
                "1",
                "--min-train-days",
                "120",
                "--refit-days",
                "60",
                "--min-history-days",
                "60",
                "--period-days",
                "90",
                "--ceiling-levels",
                "0.95",
                "--alphas",
                "0.99",
                "--stressed-weights",
                "0.25",
                "--loosen-per-day",
                "0.02"));
    args.addAll(List.of(more));
    return args;
  }

  /** {@code node} without the wall-time figures, which no two runs share. */
  private static JsonNode withoutTimings(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      List<String> names = new java.util.ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        String l = n.toLowerCase(java.util.Locale.ROOT);
        if (l.contains("second") || l.equals("timing") || l.equals("runtime")) {
          o.remove(n);
        } else {
          withoutTimings(o.get(n));
        }
      }
    } else if (node.isArray()) {
      node.forEach(SparkCliTest::withoutTimings);
    }
    return node;
  }

  private static JsonNode metrics(Path runs) throws IOException {
    try (Stream<Path> s = Files.list(runs)) {
      Path only = s.findFirst().orElseThrow();
      return new ObjectMapper().readTree(only.resolve("metrics.json").toFile());
    }
  }

  @Test
  void engineSpark_usageErrors_trainWithoutWalkForward_badMaster_optimizeWithoutCache() {
    Ran r = ran("train", "--data", dir.toString(), "--engine", "spark");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("it needs --walk-forward"), r.err());
    Ran master =
        ran("evaluate", "--data", dir.toString(), "--engine", "spark", "--master", "local[x]");
    assertEquals(2, master.code());
    assertTrue(master.err().contains("--master must be"), master.err());
    String data = dir.resolve("data").toString();
    assertEquals(0, run("data", "generate", "--data", data, "--symbols", "1", "--years", "0.2"));
    Ran noCache = ran("optimize", "--data", data, "--no-cache", "--engine", "spark");
    assertEquals(2, noCache.code());
    assertTrue(noCache.err().contains("drop --no-cache"), noCache.err());
  }

  private static JsonNode manifest(Path models) throws IOException {
    String id = Files.readString(models.resolve("LATEST")).strip();
    return new ObjectMapper().readTree(models.resolve(id).resolve("manifest.json").toFile());
  }

  private static String[] concat(List<String> a, String... b) {
    return Stream.concat(a.stream(), Stream.of(b)).toArray(String[]::new);
  }

  /** What a command did: its exit code and what it printed on stderr. */
  private record Ran(int code, String err) {}

  private static int run(String... args) {
    return ran(args).code();
  }

  private static Ran ran(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    assertTrue(code == 0 || !err.toString().isBlank(), "an exit code without a message");
    if (code != 0) {
      System.err.println(String.join(" ", args) + " -> " + code + ": " + err);
    }
    return new Ran(code, err.toString());
  }
}

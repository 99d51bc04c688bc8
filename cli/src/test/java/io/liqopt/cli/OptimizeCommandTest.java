package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.serving.Server;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code liqopt optimize} on a small synthetic store: it writes its report and a policy.json, a
 * second run reads the cached forecasts instead of refitting, and {@code serve --config} loads the
 * policy and publishes thresholds under each asset's LT ceiling.
 */
class OptimizeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void optimize_writesPolicyThatServeLoads_secondRunReadsTheCache() throws Exception {
    String data = dir.resolve("data").toString();
    CliRun gen = CliRun.of("data", "generate", "--data", data, "--symbols", "2", "--years", "1.2");
    assertEquals(0, gen.exitCode(), gen.err());
    String reports = dir.resolve("reports").toString();
    List<String> args =
        List.of(
            "optimize",
            "--data",
            data,
            "--reports",
            reports,
            "--seeds",
            "1",
            "--min-train-days",
            "120",
            "--refit-days",
            "60",
            "--min-history-days",
            "60",
            "--period-days",
            "60",
            "--ceiling-levels",
            "0.95,none",
            "--alphas",
            "0.99",
            "--stressed-weights",
            "0.25",
            "--loosen-per-day",
            "0.02");
    CliRun first = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("optimised"), first.out());
    assertTrue(first.out().contains("frontier point"), first.out());
    assertTrue(first.out().contains("written to"), first.out());
    CliRun second = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.out().contains("read from"), "the second run fits nothing: " + second.out());

    Path policy = Path.of(line(first.out(), "policy: "));
    assertTrue(Files.isRegularFile(policy.resolveSibling("index.html")));
    JsonNode assets = JSON.readTree(policy.toFile()).get("assets");
    String symbol = assets.fieldNames().next();
    double ceiling = assets.get(symbol).get("ltCeiling").asDouble();
    assertTrue(ceiling > 0 && ceiling <= 1, "ceiling " + ceiling);

    ServeCommand serve = new ServeCommand();
    new CommandLine(serve)
        .parseArgs(
            "--data",
            data,
            "--config",
            policy.toString(),
            "--baseline",
            "ewma",
            "--clock",
            "data",
            "--port",
            "0");
    try (Server server = ServeCommand.start(new PrintWriter(new StringWriter()), serve.options())) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(server.url() + "/v1/assets/" + symbol + "/thresholds"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      double lt = findLt(JSON.readTree(r.body()));
      assertTrue(lt > 0 && lt <= ceiling + 1e-12, "LT " + lt + " under the ceiling " + ceiling);
    }
  }

  @Test
  void optimize_simulatedHistories_aRowAndAReportPerHistory_pooled() throws Exception {
    String data = dir.resolve("data").toString();
    CliRun gen = CliRun.of("data", "generate", "--data", data, "--symbols", "2", "--years", "1.2");
    assertEquals(0, gen.exitCode(), gen.err());
    CliRun run =
        CliRun.of(
            "optimize",
            "--data",
            data,
            "--reports",
            dir.resolve("reports").toString(),
            "--no-cache",
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
            "0.02",
            "--simulated-histories",
            "2",
            "--history-block-hours",
            "48",
            "--history-seed",
            "5");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("history 1/2 (seed 5)"), run.out());
    assertTrue(run.out().contains("history 2/2 (seed 6)"), run.out());
    assertTrue(run.out().contains("pooled over 2 histories"), run.out());
    Path index = Path.of(line(run.out(), "report: "));
    JsonNode m = JSON.readTree(index.resolveSibling("metrics.json").toFile());
    assertEquals(2, m.get("rows").size());
    assertEquals(2, m.get("garch").size());
    for (JsonNode row : m.get("rows")) {
      assertTrue(Files.isRegularFile(index.resolveSibling(row.get("report").asText())));
      double ltv = row.get("ltv").asDouble();
      assertTrue(ltv > 0.2 && ltv < 1, "LTV " + ltv);
    }
    assertTrue(Files.isRegularFile(index.resolveSibling("histories.png")));
    assertTrue(Files.readString(index).contains("simulated histories"));
    CliRun ml =
        CliRun.of("optimize", "--data", data, "--forecaster", "ml", "--simulated-histories", "1");
    assertEquals(2, ml.exitCode(), ml.err());
  }

  @Test
  void optimize_badGridOrBudget_usageErrors() {
    CliRun over = CliRun.of("optimize", "--data", dir.toString(), "--max-evaluations", "3");
    assertEquals(2, over.exitCode(), over.err());
    assertTrue(over.err().contains("evaluation budget"), over.err());
    CliRun budget = CliRun.of("optimize", "--data", dir.toString(), "--budget", "static-200");
    assertEquals(2, budget.exitCode(), budget.err());
    assertTrue(budget.err().contains("budget"), budget.err());
    CliRun bad = CliRun.of("optimize", "--data", dir.toString(), "--ceiling-levels", "1.5");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("--ceiling-levels"), bad.err());
  }

  private static String line(String out, String prefix) {
    return out.lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length());
  }

  /** The governed LT of a thresholds answer (its field "lt", wherever it sits). */
  private static double findLt(JsonNode answer) {
    JsonNode lt = answer.findValue("lt");
    assertTrue(lt != null && lt.isNumber(), answer.toString());
    return lt.asDouble();
  }
}

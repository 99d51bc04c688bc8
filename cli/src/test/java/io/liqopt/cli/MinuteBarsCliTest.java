package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minute bars end to end: {@code data generate --interval 1m}, then {@code evaluate --interval 1m}
 * of baselines, scored on the hours' closes, and the same scores from its predictions.
 */
class MinuteBarsCliTest {
  @TempDir Path dir;

  @Test
  void evaluateOnMinutes_scoresEveryHour_andRescoresTheSame() throws IOException {
    String data = dir.resolve("data").toString();
    CliRun gen =
        CliRun.of(
            "data",
            "generate",
            "--data",
            data,
            "--symbols",
            "2",
            "--years",
            "0.42",
            "--interval",
            "1m");
    assertEquals(0, gen.exitCode(), gen.err());
    Path reports = dir.resolve("reports");
    CliRun run =
        CliRun.of(
            "evaluate",
            "--data",
            data,
            "--interval",
            "1m",
            "--reports",
            reports.toString(),
            "--models",
            "ewma,har",
            "--horizons",
            "24",
            "--min-train-days",
            "120",
            "--test-block-days",
            "30",
            "--predictions");
    assertEquals(0, run.exitCode(), run.err());
    Path first = EvaluateRescoreTest.onlyRun(reports);
    ObjectMapper json = new ObjectMapper();
    JsonNode m = json.readTree(first.resolve("metrics.json").toFile());
    assertEquals("1m", m.at("/config/interval").asText(), "the run records its bars' interval");
    for (JsonNode cell : m.at("/scores/perAsset")) {
      int rows = cell.get("rows").asInt();
      // the test blocks after 120 days of 153 hold about 33 days less the 24 h at the end
      assertTrue(rows > 24 * 25 && rows < 24 * 34, "one scored row per hour: " + cell);
      JsonNode ewma = cell.get("models").get(0);
      assertEquals(48, ewma.at("/allHoursCoverage/0.99/hitRate/lag").asInt(), "lag 2h in hours");
      assertTrue(ewma.at("/variance/qlike").asDouble() > 0, ewma.toString());
    }
    CliRun rescore =
        CliRun.of(
            "evaluate",
            "--rescore",
            first.resolve("predictions.csv.gz").toString(),
            "--reports",
            reports.toString());
    assertEquals(0, rescore.exitCode(), rescore.err());
    Path second;
    try (Stream<Path> runs = Files.list(reports.resolve("evaluate"))) {
      second = runs.filter(p -> !p.equals(first)).findFirst().orElseThrow();
    }
    JsonNode again = json.readTree(second.resolve("metrics.json").toFile());
    assertEquals(m.get("scores"), again.get("scores"), "the predictions hold what was scored");
  }

  @Test
  void evaluateOnMinutes_mlOrAnIntervalOverAnHour_usageError() {
    String data = dir.resolve("data").toString();
    CliRun ml = CliRun.of("evaluate", "--data", data, "--interval", "1m", "--models", "ml");
    assertEquals(2, ml.exitCode(), ml.err());
    assertTrue(ml.err().contains("only the baselines are evaluated"), ml.err());
    CliRun day = CliRun.of("evaluate", "--data", data, "--interval", "1d", "--models", "ewma");
    assertEquals(2, day.exitCode(), day.err());
    CliRun gen =
        CliRun.of("data", "generate", "--data", data, "--years", "0.01", "--interval", "4h");
    assertEquals(2, gen.exitCode(), gen.err());
    CliRun huge =
        CliRun.of(
            "data",
            "generate",
            "--data",
            data,
            "--symbols",
            "1000",
            "--years",
            "1",
            "--interval",
            "1m");
    assertEquals(2, huge.exitCode(), huge.err());
    assertTrue(huge.err().contains("bars, over the"), huge.err());
  }
}

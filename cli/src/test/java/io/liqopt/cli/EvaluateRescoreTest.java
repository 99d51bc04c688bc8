package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --rescore}: the scores of a run equal the rescored scores of its predictions. */
class EvaluateRescoreTest {
  @TempDir Path dir;

  @Test
  void rescore_predictionsOfARun_sameScoresAndIntervals() throws IOException {
    String data = dir.resolve("data").toString();
    CliRun.of("data", "generate", "--data", data, "--symbols", "2", "--years", "0.75");
    Path reports = dir.resolve("reports");
    CliRun run =
        CliRun.of(
            "evaluate",
            "--data",
            data,
            "--reports",
            reports.toString(),
            "--min-train-days",
            "120",
            "--test-block-days",
            "60",
            "--predictions");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("QLIKE/ref - 1"), run.out());
    Path first = onlyRun(reports);
    Path predictions = first.resolve("predictions.csv.gz");
    CliRun rescore =
        CliRun.of("evaluate", "--rescore", predictions.toString(), "--reports", reports.toString());
    assertEquals(0, rescore.exitCode(), rescore.err());
    assertTrue(rescore.out().contains("rescored in"), rescore.out());
    Path second;
    try (Stream<Path> runs = Files.list(reports.resolve("evaluate"))) {
      second = runs.filter(p -> !p.equals(first)).findFirst().orElseThrow();
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(first.resolve("metrics.json").toFile());
    JsonNode b = json.readTree(second.resolve("metrics.json").toFile());
    assertEquals(a.get("scores"), b.get("scores"), "every score, interval and count, exactly");
    assertEquals(a.get("config"), b.get("config"));
    assertEquals(
        predictions.toAbsolutePath().normalize().toString(), b.get("rescoredFrom").asText());
    JsonNode intervals = b.at("/scores/intervals/horizons/1/cells/0/models/1");
    assertTrue(intervals.at("/qlikeRatioVsReference/lower").isNumber(), intervals.toString());
    assertTrue(intervals.at("/auc/upper").isNumber(), intervals.toString());
    assertTrue(Files.isRegularFile(second.resolve("index.html")));
    assertTrue(Files.readString(second.resolve("index.html")).contains("Intervals, 24 h"));
  }

  /** The CLI module's tests run without the spark module on the class path. */
  @Test
  void engineSpark_withoutTheSparkModule_oneLineUsageError() {
    String data = dir.resolve("data").toString();
    CliRun.of("data", "generate", "--data", data, "--symbols", "2", "--years", "0.75");
    CliRun r = CliRun.of("evaluate", "--data", data, "--models", "ewma", "--engine", "spark");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("the spark module is not on the class path"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    CliRun bad = CliRun.of("evaluate", "--data", data, "--models", "ewma", "--engine", "flink");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("--engine must be local or spark"), bad.err());
    CliRun master = CliRun.of("evaluate", "--data", data, "--models", "ewma", "--master", "x");
    assertEquals(2, master.exitCode(), master.err());
    assertTrue(master.err().contains("--master is for --engine spark"), master.err());
  }

  @Test
  void rescore_oldLayoutWithoutSeriesRow_oneLineUsageError() throws IOException {
    Path file = dir.resolve("predictions.csv.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file));
        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8)) {
      w.write("symbol,open_time_ms,fold,horizon_h,realised_variance,long_mae,stress,");
      w.write("hs.variance,hs.q0.99,hs.stress\nAUSDT,0,0,1,1e-5,0.01,,1e-5,0.02,\n");
    }
    CliRun r = CliRun.of("evaluate", "--rescore", file.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("lacks the column series_row"), r.err());
    assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("liqopt")).count(), r.err());
    assertNotEquals(
        0, CliRun.of("evaluate", "--rescore", dir.resolve("none.gz").toString()).exitCode());
  }

  /** The one run under {@code reports}. */
  static Path onlyRun(Path reports) throws IOException {
    try (Stream<Path> runs = Files.list(reports.resolve("evaluate"))) {
      List<Path> all = runs.toList();
      assertEquals(1, all.size());
      return all.get(0);
    }
  }
}

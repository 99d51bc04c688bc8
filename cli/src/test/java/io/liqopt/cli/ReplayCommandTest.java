package io.liqopt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code liqopt replay} on a synthetic store, a day at 3 600×: the whole live engine (mock exchange
 * with every fault, three feeds, guard, bars assembled and ingested, book, queue, stream) through
 * the API, and its report. Timing-dependent figures (how many quotes aged out on a loaded machine)
 * are not asserted; what the faults must do whatever the timing is.
 */
class ReplayCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void replay_syntheticDay_everyHourSampled_faultsSeen_reportWritten() throws Exception {
    String data = dir.resolve("data").toString();
    CliRun gen = CliRun.of("data", "generate", "--data", data, "--symbols", "2", "--years", "0.5");
    assertEquals(0, gen.exitCode(), gen.err());
    Path reports = dir.resolve("reports");
    CliRun run =
        CliRun.of(
            "replay",
            "--data",
            data,
            "--models",
            dir.resolve("no-models").toString(),
            "--reports",
            reports.toString(),
            "--from",
            "2021-06-01",
            "--to",
            "2021-06-02",
            "--positions",
            "200",
            "--speed",
            "3600",
            "--steps-per-hour",
            "12",
            "--price-max-age-minutes",
            "30",
            "--price-freeze-steps",
            "4");
    assertEquals(0, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("with har-garch"), run.out());
    Path report;
    try (Stream<Path> s = Files.list(reports.resolve("replay"))) {
      report = s.findFirst().orElseThrow();
    }
    for (String f : List.of("index.html", "prices.png", "lt.png", "book.png", "events.png")) {
      assertTrue(Files.size(report.resolve(f)) > 1_000, f);
    }
    JsonNode r = JSON.readTree(report.resolve("metrics.json").toFile()).path("result");
    assertEquals(24, r.path("hours").size());
    for (JsonNode h : r.path("hours")) {
      assertEquals(200, h.path("book").path("positions").asInt(), h.toString());
      assertEquals(2, h.path("assets").size());
    }
    assertEquals(8, r.path("faults").size());
    JsonNode sources = r.path("sources");
    assertTrue(sources.path("b").path("refused duplicate").asLong() > 0, sources.toString());
    assertTrue(sources.path("c").path("refused out_of_order").asLong() > 0, sources.toString());
    List<String> alerts = new ArrayList<>();
    r.path("alerts").forEach(a -> alerts.add(a.asText()));
    // the venue restart: a and b freeze SYNETHUSDT for 9 steps; frozen after 4, one source is left
    assertTrue(
        alerts.stream().anyMatch(a -> a.contains("asset-stale SYNETHUSDT")), alerts.toString());
    assertTrue(
        Files.readString(report.resolve("index.html")).contains("Replay through the live engine"));
  }

  @Test
  void replay_toBeforeFrom_usageError() {
    CliRun run =
        CliRun.of("replay", "--data", dir.toString(), "--from", "2021-06-02", "--to", "2021-06-01");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("--to must be after --from"), run.err());
  }
}

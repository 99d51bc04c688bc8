package io.liqopt.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liqopt.core.AtomicFiles;
import io.liqopt.report.page.ReportPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One run's report folder, {@code <reports>/<command>/<run-id>/}, where the run id is the UTC start
 * time ({@code 20261126-101500}), suffixed when two runs start in the same second. Files are
 * written atomically.
 */
public final class RunReport {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Path dir;
  private final String runId;

  private RunReport(Path dir, String runId) {
    this.dir = dir;
    this.runId = runId;
  }

  /** Creates a fresh report folder for a run of {@code command} starting at {@code now}. */
  public static RunReport create(Path reportsRoot, String command, Instant now) throws IOException {
    String base = RUN_ID.format(now);
    Path parent = reportsRoot.resolve(command);
    Files.createDirectories(parent);
    for (int k = 0; k < 1000; k++) {
      String id = k == 0 ? base : base + "-" + k;
      Path d = parent.resolve(id);
      try {
        Files.createDirectory(d);
        return new RunReport(d, id);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another run started in the same second: try the next suffix
      }
    }
    throw new IOException("cannot create a report folder under " + parent);
  }

  public Path dir() {
    return dir;
  }

  public String runId() {
    return runId;
  }

  /** Writes {@code metrics.json} (records, maps and lists serialise as JSON). */
  public Path writeMetrics(Object metrics) throws IOException {
    Path p = dir.resolve("metrics.json");
    AtomicFiles.write(p, JSON.writeValueAsBytes(metrics));
    return p;
  }

  /**
   * Writes {@code index.html}: {@code page} rendered by its template inside the shared layout, a
   * self-contained page (no external assets) with every value HTML-escaped.
   */
  public Path writePage(ReportPage page) throws IOException {
    Path p = dir.resolve("index.html");
    AtomicFiles.write(p, PageRenderer.render(page, runId).getBytes(StandardCharsets.UTF_8));
    return p;
  }

  /**
   * Writes {@code chart} as {@code <name>.png} (rendered headless) and returns the file name, for
   * an {@code <img>} in the HTML.
   */
  public String writeChart(String name, ChartSpec chart) throws IOException {
    String file = name + ".png";
    AtomicFiles.write(dir.resolve(file), ChartRenderer.png(chart));
    return file;
  }
}

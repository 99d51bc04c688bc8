package io.liqopt.report.simulation;

import io.liqopt.core.simulation.LtCalibration;
import io.liqopt.core.simulation.LtCalibration.AssetResult;
import io.liqopt.core.simulation.SimulationInputs;
import io.liqopt.report.RunReport;
import io.liqopt.report.page.Chart;
import io.liqopt.report.page.SimulateLtPage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code reports/simulate-lt/<run-id>/} as the calibration goes: each asset's insolvency
 * curve and price fan when it is done ({@link #add}, so its paths can be let go), then metrics.json
 * and index.html ({@link #finish}).
 */
public final class SimulateLtReport {
  private final RunReport report;
  private final List<AssetResult> results = new ArrayList<>();
  private final List<Chart> charts = new ArrayList<>();

  private SimulateLtReport(RunReport report) {
    this.report = report;
  }

  /** Creates the report folder of a run starting at {@code now}. */
  public static SimulateLtReport create(Path reportsRoot, Instant now) throws IOException {
    return new SimulateLtReport(RunReport.create(reportsRoot, "simulate-lt", now));
  }

  /** Records an asset's result and writes its two charts. */
  public void add(LtCalibration.AssetRun run) throws IOException {
    AssetResult r = run.result();
    results.add(r);
    chart("insolvency-" + r.symbol(), run, true);
    chart("fan-" + r.symbol(), run, false);
  }

  private void chart(String name, LtCalibration.AssetRun run, boolean insolvency)
      throws IOException {
    String file =
        report.writeChart(
            name,
            insolvency
                ? SimulationCharts.insolvency(run)
                : SimulationCharts.priceFan(run.result(), run.firstPass(), run.result().price()));
    charts.add(new Chart(file, file));
  }

  /** The results so far, in the order added. */
  public List<AssetResult> results() {
    return List.copyOf(results);
  }

  /** Writes metrics.json and index.html; returns index.html. */
  public Path finish(SimulationInputs.Prepared prep, LtCalibration.Design d) throws IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("asOf", Instant.ofEpochMilli(prep.cutoffMs()).toString());
    config.put("model", prep.modelVersion());
    config.put("epsilons", d.epsilons());
    config.put("paths", d.paths());
    config.put("maxPaths", d.maxPaths());
    config.put("relTol", d.relTol());
    config.put("latencyHours", d.latencyHours());
    config.put("exitHours", d.exitHours());
    config.put("blockHours", d.blockHours());
    config.put("seed", d.seed());
    config.put("staticLt", LtCalibration.STATIC_LT);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("config", config);
    metrics.put("assets", results);
    metrics.put("skipped", prep.skipped());
    report.writeMetrics(metrics);
    return report.writePage(
        new SimulateLtPage(
            "Stochastic LT calibration as of " + SimulationInputs.time(prep.cutoffMs()),
            prep.modelVersion(),
            results,
            prep.skipped(),
            charts));
  }
}

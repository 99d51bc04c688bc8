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
import java.util.List;

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

  /** metrics.json of {@code simulate lt}. */
  public record Metrics(Config config, List<AssetResult> assets, List<String> skipped) {}

  /**
   * What the run was asked for (metrics.json's {@code config}).
   *
   * @param asOf the cut-off of the residuals, ISO-8601 UTC
   * @param exitHours the liquidator's exit hours, null when taken from the policy
   * @param staticLt the static LT the calibrated one is compared with
   */
  public record Config(
      String asOf,
      String model,
      List<Double> epsilons,
      int paths,
      int maxPaths,
      double relTol,
      int latencyHours,
      Integer exitHours,
      int blockHours,
      long seed,
      double staticLt) {}

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
                : SimulationCharts.priceFan(run.result(), run.fan(), run.result().price()));
    charts.add(new Chart(file, file));
  }

  /** The results so far, in the order added. */
  public List<AssetResult> results() {
    return List.copyOf(results);
  }

  /** Writes metrics.json and index.html; returns index.html. */
  public Path finish(SimulationInputs.Prepared prep, LtCalibration.Design d) throws IOException {
    Config config =
        new Config(
            Instant.ofEpochMilli(prep.cutoffMs()).toString(),
            prep.modelVersion(),
            d.epsilons(),
            d.paths(),
            d.maxPaths(),
            d.relTol(),
            d.latencyHours(),
            d.exitHours(),
            d.blockHours(),
            d.seed(),
            LtCalibration.STATIC_LT);
    report.writeMetrics(new Metrics(config, List.copyOf(results), prep.skipped()));
    return report.writePage(
        new SimulateLtPage(
            "Stochastic LT calibration as of " + SimulationInputs.time(prep.cutoffMs()),
            prep.modelVersion(),
            results,
            prep.skipped(),
            charts));
  }
}

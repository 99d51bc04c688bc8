package io.liqopt.report.simulation;

import io.liqopt.core.simulation.Paths;
import io.liqopt.core.simulation.PortfolioSimulation;
import io.liqopt.core.simulation.PortfolioStress;
import io.liqopt.core.simulation.SimulationInputs;
import io.liqopt.report.RunReport;
import io.liqopt.report.page.Chart;
import io.liqopt.report.page.SimulatePortfolioPage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code reports/simulate-portfolio/<run-id>/}: metrics.json, index.html and the
 * health-factor fan; and words the stress summary the command prints and the page shows.
 */
public final class SimulatePortfolioReport {
  private SimulatePortfolioReport() {}

  /** Writes the report of a stress; returns index.html. */
  public static Path write(
      Path reportsRoot,
      Instant now,
      SimulationInputs.Prepared prep,
      PortfolioSimulation.Position position,
      PortfolioSimulation.Design d,
      PortfolioSimulation.Outcome o)
      throws IOException {
    RunReport report = RunReport.create(reportsRoot, "simulate-portfolio", now);
    Paths hist = o.run().historical();
    PortfolioStress.Result r = o.run().result();
    String chart =
        report.writeChart(
            "hf-fan",
            SimulationCharts.healthFactorFan(
                o.stressed(), position.debtQuote(), o.run().simulated(), hist, r, d.hours()));
    Config config =
        new Config(
            Instant.ofEpochMilli(prep.cutoffMs()).toString(),
            prep.modelVersion(),
            d.paths(),
            d.hours(),
            d.blockHours(),
            d.seed(),
            d.levels(),
            o.residuals().size());
    report.writeMetrics(
        new Metrics(
            config,
            position.debtQuote(),
            o.holdings(),
            r,
            hist.paths(),
            r.worstHistoricalStartMs() == 0
                ? null
                : Instant.ofEpochMilli(r.worstHistoricalStartMs()).toString(),
            o.simulationSeconds()));
    return report.writePage(
        new SimulatePortfolioPage(
            "Portfolio stress as of " + SimulationInputs.time(prep.cutoffMs()),
            o.holdings(),
            position.debtQuote(),
            summary(r, hist.paths(), d.hours()),
            new Chart(chart, "HF fan")));
  }

  /**
   * metrics.json of {@code simulate portfolio}.
   *
   * @param historicalWindows the historical windows replayed
   * @param worstHistoricalStart the start of the worst window, ISO-8601 UTC; null with none
   */
  public record Metrics(
      Config config,
      double debtQuote,
      List<PortfolioSimulation.HoldingRow> holdings,
      PortfolioStress.Result result,
      int historicalWindows,
      String worstHistoricalStart,
      double simulationSeconds) {}

  /**
   * What the run was asked for (metrics.json's {@code config}).
   *
   * @param asOf the cut-off of the residuals, ISO-8601 UTC
   * @param residualHours the hours of joint residuals the paths were drawn from
   */
  public record Config(
      String asOf,
      String model,
      int paths,
      int hours,
      int blockHours,
      long seed,
      List<Double> levels,
      int residualHours) {}

  /** The stress in a few lines: HF now, lowest HF, probabilities, VaR / ES, worst window. */
  public static List<String> summary(PortfolioStress.Result r, int windows, int hours) {
    List<String> l = new ArrayList<>();
    List<Double> q = r.minHealthFactorQuantiles();
    l.add(String.format(Locale.ROOT, "health factor now        %.4f", r.healthFactorNow()));
    l.add(
        String.format(
            Locale.ROOT,
            "lowest HF over %d h      1%%: %.4f  5%%: %.4f  50%%: %.4f",
            hours,
            q.get(0),
            q.get(1),
            q.get(2)));
    l.add(String.format(Locale.ROOT, "P(liquidatable)          %.5f", r.liquidatableProbability()));
    l.add(String.format(Locale.ROOT, "P(insolvency)            %.5f", r.insolvencyProbability()));
    for (int i = 0; i < r.levels().size(); i++) {
      l.add(
          String.format(
              Locale.ROOT,
              "shortfall at %-8s    VaR %.2f  ES %.2f",
              String.format(Locale.ROOT, "%.4g", r.levels().get(i)),
              r.shortfallVar().get(i),
              r.shortfallEs().get(i)));
    }
    if (windows > 0) {
      l.add(
          String.format(
              Locale.ROOT,
              "worst of %d historical %d h windows: lowest HF %.4f "
                  + "(window from %s UTC), largest shortfall %.2f",
              windows,
              hours,
              r.worstHistoricalMinHealthFactor(),
              SimulationInputs.time(r.worstHistoricalStartMs()),
              r.worstHistoricalShortfall()));
    } else {
      l.add("no complete historical window of " + hours + " h");
    }
    return l;
  }
}

package io.liqopt.cli;

import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.simulation.PortfolioBlocks;
import io.liqopt.core.simulation.PortfolioSimulation;
import io.liqopt.core.simulation.PortfolioSimulation.Position;
import io.liqopt.core.simulation.PortfolioStress;
import io.liqopt.core.simulation.PositionFile;
import io.liqopt.core.simulation.Residuals;
import io.liqopt.core.simulation.SimulationInputs;
import io.liqopt.report.simulation.SimulatePortfolioReport;
import io.liqopt.training.distributed.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code liqopt simulate portfolio FILE}: the stress distribution of a cross-margin position on
 * joint simulated paths and on every historical window of the same length.
 */
@Command(
    name = "portfolio",
    mixinStandardHelpOptions = true,
    description = {
      "Stress a cross-margin position over a horizon: joint filtered-historical-simulation paths of"
          + " its collateral assets (rescaled by each asset's forecast volatility as of the date)"
          + " and a replay of every historical window of the same length. Prints the health factor"
          + " now, quantiles of the lowest HF, P(liquidatable), P(insolvency), VaR and ES of the"
          + " shortfall, and the worst historical window.",
      "FILE is JSON: {\"debtQuote\": 50000, \"collateral\": [{\"symbol\": \"BTCUSDT\", "
          + "\"quantity\": 1.0}, ...]}; a holding may give \"priceQuote\" (default: the last "
          + "close before the date) and \"lt\" (default: the policy's target LT from the forecast "
          + "as of the date, before the governor). Slippage of selling a "
          + "holding from the square-root impact law.",
      "Writes reports/simulate-portfolio/<run-id>/ (metrics.json, index.html, hf-fan.png).",
      "With --engine spark the simulated paths are drawn and evaluated in blocks of 4096, each "
          + "a Spark task (the same figures; the fan chart then draws the first block's paths)."
    })
final class SimulatePortfolioCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The position (JSON).")
  Path file;

  @Mixin StressLevelOption stress;

  @Mixin DataDirOption data;

  @Mixin ReportsDirOption reports;

  @Option(
      names = "--market",
      paramLabel = "SYMBOL",
      description =
          "Market-factor symbol of the forecaster's features (default: the first "
              + "symbol containing BTC, else the first).")
  String market;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description =
          "Stress as of the start (UTC) of this day, from the bars before it only "
              + "(default: after the last stored bar).")
  String asOf;

  @Option(
      names = "--paths",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Simulated paths (default: ${DEFAULT-VALUE}).")
  int paths;

  @Option(
      names = "--hours",
      defaultValue = "24",
      paramLabel = "H",
      description = "Horizon, hours (default: ${DEFAULT-VALUE}).")
  int hours;

  @Option(
      names = "--levels",
      defaultValue = "0.99,0.999",
      split = ",",
      paramLabel = "L,...",
      description = "VaR / ES levels of the shortfall (default: ${DEFAULT-VALUE}).")
  double[] levels;

  @Mixin PathModelOptions pathModel;

  @Mixin EngineOption engine;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (paths < 100 || hours < 1 || pathModel.blockHours < 1) {
      throw new UsageException("--paths >= 100, --hours >= 1 and --block-hours >= 1 are required");
    }
    if ((long) paths * hours > 200_000_000L) {
      throw new UsageException("--paths x --hours must be at most 200 000 000");
    }
    for (double l : levels) {
      if (!(l > 0 && l < 1)) {
        throw new UsageException("--levels must be in (0, 1), got " + l);
      }
    }
    engine.validate();
    Position position = read(file);
    ResolvedPolicy policy = pathModel.policy();
    EvaluateCommand.Loaded loaded = EvaluateCommand.load(data.store(), position.symbols(), market);
    long cutoff = PathModelOptions.cutoff(asOf, loaded.series());
    run(spec.commandLine().getOut(), position, loaded, cutoff, policy);
    return 0;
  }

  /** Reads and validates the position file: a usage error (exit 2) saying what is wrong. */
  static Position read(Path file) throws IOException {
    try {
      return PositionFile.read(file);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Prepares the holdings as of {@code cutoff}, stresses the position, prints and reports. */
  void run(
      PrintWriter out,
      Position position,
      EvaluateCommand.Loaded loaded,
      long cutoff,
      ResolvedPolicy policy)
      throws IOException {
    out.printf(
        "simulate portfolio: %d collateral assets, debt %.2f, as of %s, %s volatility "
            + "fitted on the bars before it%n",
        position.collateral().size(),
        position.debtQuote(),
        SimulationInputs.time(cutoff),
        pathModel.model);
    out.flush();
    List<BarSeries> held = PortfolioSimulation.held(position, loaded.series());
    PortfolioSimulation.Design design =
        new PortfolioSimulation.Design(
            paths,
            hours,
            pathModel.blockHours,
            pathModel.seed,
            Arrays.stream(levels).boxed().toList());
    try (Progress p = Progress.start("stress", 2)) {
      p.note("fitting " + pathModel.model);
      SimulationInputs.Prepared prep =
          SimulationInputs.prepare(
              held, loaded.factor(), cutoff, pathModel.forecaster(), policy, stress.level());
      prep.requireAll("cannot stress the position");
      p.step();
      p.note(
          "simulating "
              + paths
              + " joint paths x "
              + hours
              + " h and replaying the "
              + "historical windows");
      PortfolioSimulation.Outcome o;
      try (Engine e = engine.start(out)) {
        o =
            PortfolioSimulation.stress(
                position,
                held,
                prep,
                design,
                e == null
                    ? null
                    : blocks ->
                        e.map(
                            "portfolio-stress", blocks, PortfolioBlocks.Block::evaluate, () -> {}));
      }
      p.step();
      print(out, position, o);
      Path index =
          SimulatePortfolioReport.write(reports.dir, Instant.now(), prep, position, design, o);
      out.println("report: " + index.toAbsolutePath().normalize());
      out.flush();
    }
  }

  /** The holdings, the stress summary and how long it took, as a table on {@code out}. */
  private void print(PrintWriter out, Position position, PortfolioSimulation.Outcome o) {
    PortfolioStress.Result r = o.run().result();
    Residuals res = o.residuals();
    out.printf(
        "%n%-10s %14s %14s %14s %7s %8s %7s  %s%n",
        "symbol", "quantity", "price", "value", "LT", "slippage", "vol24h", "price as of (close)");
    double total = 0;
    for (PortfolioSimulation.HoldingRow h : o.holdings()) {
      total += h.valueQuote();
      out.printf(
          Locale.ROOT,
          "%-10s %14.6f %14.4f %14.2f %6.2f%% %7.3f%% %6.2f%%  %s%n",
          h.symbol(),
          h.quantity(),
          h.priceQuote(),
          h.valueQuote(),
          100 * h.lt(),
          100 * h.slippage(),
          100 * h.sigma24h(),
          h.asOfClose());
    }
    out.printf(
        Locale.ROOT,
        "collateral %.2f, debt %.2f (LTV %.2f%%)%n%n",
        total,
        position.debtQuote(),
        100 * position.debtQuote() / total);
    for (String line : SimulatePortfolioReport.summary(r, o.run().historical().paths(), hours)) {
      out.println(line);
    }
    out.printf(
        Locale.ROOT,
        "(%d paths x %d h simulated, and stressed with the historical "
            + "windows, in %.2f s, from %d common hours of residuals, %s to %s)%n",
        r.paths(),
        hours,
        o.simulationSeconds(),
        res.size(),
        SimulationInputs.time(res.timeMs(0)),
        SimulationInputs.time(res.timeMs(res.size() - 1)));
  }
}

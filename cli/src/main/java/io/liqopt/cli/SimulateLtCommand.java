package io.liqopt.cli;

import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.simulation.LtCalibration;
import io.liqopt.core.simulation.SimulationInputs;
import io.liqopt.report.simulation.SimulateLtReport;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.MarketSource;
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
import picocli.CommandLine.Spec;

/**
 * {@code liqopt simulate lt}: the liquidation threshold at an insolvency tolerance ε from filtered
 * historical simulation, beside the policy's analytic LT, per asset as of a date.
 */
@Command(
    name = "lt",
    mixinStandardHelpOptions = true,
    description = {
      "Calibrate each asset's liquidation threshold LT* at insolvency tolerances ε by filtered"
          + " historical simulation: block-bootstrapped standardised residuals of the bars before"
          + " the date, rescaled by a forecaster's volatility fitted on those bars; a position at"
          + " LT is liquidated after the latency and sold over the exit hours at the window's"
          + " lowest low less square-root impact; LT* is the largest LT with P(insolvency) <= ε"
          + " (Wilson 95 %% interval, paths doubled until it is tight). Printed beside the analytic"
          + " LT of the same paths, the policy's LT at α = 1 - ε from the forecaster's own"
          + " quantile, and P(insolvency) of a static LT 0.80.",
      "Writes reports/simulate-lt/<run-id>/ (metrics.json, index.html, insolvency curves and "
          + "path fans as PNG)."
    })
final class SimulateLtCommand implements Callable<Integer> {
  static final List<Double> DEFAULT_EPSILONS = List.of(0.001, 0.0025, 0.005, 0.01, 0.02, 0.05);

  @Mixin StressLevelOption stress;

  @Mixin DataDirOption data;

  @Mixin SeriesSelection selection;

  @Mixin ReportsDirOption reports;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description =
          "Calibrate as of the start (UTC) of this day, from the bars before it only "
              + "(default: after the last stored bar).")
  String asOf;

  @Option(
      names = "--epsilon",
      split = ",",
      paramLabel = "E,...",
      description = "Insolvency tolerances (default: 0.001,0.0025,0.005,0.01,0.02,0.05).")
  double[] epsilons;

  @Option(
      names = "--paths",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Paths of the first pass (default: ${DEFAULT-VALUE}).")
  int paths;

  @Option(
      names = "--max-paths",
      defaultValue = "800000",
      paramLabel = "N",
      description =
          "Paths are doubled up to this until the Wilson half-width of P at LT* is at "
              + "most --rel-tol x ε (default: ${DEFAULT-VALUE}).")
  int maxPaths;

  @Option(
      names = "--rel-tol",
      defaultValue = "0.1",
      paramLabel = "R",
      description = "Relative tolerance of the Wilson half-width (default: ${DEFAULT-VALUE}).")
  double relTol;

  @Option(
      names = "--latency-hours",
      defaultValue = "1",
      paramLabel = "H",
      description = "Hours before the liquidator acts (default: ${DEFAULT-VALUE}).")
  int latencyHours;

  @Option(
      names = "--exit-hours",
      paramLabel = "H",
      description =
          "Hours (hourly slices) the sale takes (default: the policy's liquidation "
              + "horizon less the latency, so the exposure window is the policy's H_liq, 24 h).")
  Integer exitHours;

  @Mixin PathModelOptions pathModel;

  @Mixin EngineOption engine;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    engine.validate();
    List<Double> eps =
        epsilons == null ? DEFAULT_EPSILONS : Arrays.stream(epsilons).boxed().toList();
    for (double e : eps) {
      if (!(e > 0 && e < 0.5)) {
        throw new UsageException("--epsilon values must be in (0, 0.5), got " + e);
      }
    }
    if (paths < 100 || maxPaths < paths) {
      throw new UsageException("--paths must be at least 100 and --max-paths at least --paths");
    }
    if (latencyHours < 0
        || (exitHours != null && exitHours < 1)
        || pathModel.blockHours < 1
        || !(relTol > 0)) {
      throw new UsageException(
          "--latency-hours >= 0, --exit-hours >= 1, --block-hours >= 1 and "
              + "--rel-tol > 0 are required");
    }
    ResolvedPolicy policy = pathModel.policy();
    PrintWriter out = spec.commandLine().getOut();
    EvaluateCommand.Loaded loaded =
        EvaluateCommand.load(data.store(), selection.symbols, selection.market);
    long cutoff = PathModelOptions.cutoff(asOf, loaded.series());
    LtCalibration.Design design =
        new LtCalibration.Design(
            eps,
            paths,
            maxPaths,
            relTol,
            latencyHours,
            exitHours,
            pathModel.blockHours,
            pathModel.seed);
    run(out, loaded, cutoff, policy, design);
    return 0;
  }

  /** Prepares every asset as of {@code cutoff}, calibrates each, prints and writes the report. */
  void run(
      PrintWriter out,
      EvaluateCommand.Loaded loaded,
      long cutoff,
      ResolvedPolicy policy,
      LtCalibration.Design design)
      throws IOException {
    out.printf(
        "simulate lt: %d assets as of %s, fitting %s on the bars before it%n",
        loaded.series().size(), SimulationInputs.time(cutoff), pathModel.model);
    out.flush();
    SimulationInputs.Prepared prep =
        SimulationInputs.prepare(
            loaded.series(),
            loaded.factor(),
            cutoff,
            pathModel.forecaster(),
            policy,
            stress.level());
    for (String s : prep.skipped()) {
      out.println("skipped " + s);
    }
    if (prep.assets().isEmpty()) {
      throw new IllegalArgumentException(
          "no asset can be simulated as of " + SimulationInputs.time(cutoff));
    }
    SimulateLtReport report = SimulateLtReport.create(reports.dir, Instant.now());
    int eps = design.epsilons().size();
    try (Engine e = engine.start(out);
        Progress p = Progress.start("calibrate", (long) prep.assets().size() * eps)) {
      if (e == null) {
        for (SimulationInputs.Asset a : prep.assets()) {
          p.extra(a.symbol());
          report.add(LtCalibration.calibrate(a, cutoff, prep.modelVersion(), design, p::step));
        }
      } else {
        MarketSource source = loaded.source(data.dir, selection);
        for (LtCalibration.AssetRun r :
            SimulateLtTasks.calibrate(
                e, TaskArgs.of(spec), source, prep, design, () -> p.stepBy(eps))) {
          report.add(r);
        }
      }
    }
    printTable(out, report.results());
    Path index = report.finish(prep, design);
    out.println("report: " + index.toAbsolutePath().normalize());
    out.flush();
  }

  private static void printTable(PrintWriter out, List<LtCalibration.AssetResult> results) {
    out.printf(
        "%n%-10s %-16s %7s %7s %7s %-22s %8s %8s %8s %8s %9s%n",
        "symbol",
        "as of (close)",
        "vol24h",
        "eps",
        "LT*",
        "P [Wilson 95%]",
        "paths",
        "LT paths",
        "LT pol.",
        "X_a pol",
        "P(0.80)");
    for (LtCalibration.AssetResult r : results) {
      for (LtCalibration.Row w : r.rows()) {
        out.printf(
            Locale.ROOT,
            "%-10s %-16s %6.2f%% %7.4f %6.2f%% %-22s %8d %7.2f%% %7s %8s %8.4f%%%n",
            r.symbol(),
            r.asOfClose(),
            100 * r.sigma24h(),
            w.epsilon(),
            100 * w.lt(),
            String.format(
                Locale.ROOT, "%.5f [%.5f,%.5f]", w.probability(), w.wilsonLow(), w.wilsonHigh()),
            w.paths(),
            100 * w.analyticLt(),
            pct(w.policyLt()),
            pct(w.policyAdverseMove()),
            100 * r.staticProbability());
      }
    }
    if (!results.isEmpty()) {
      LtCalibration.AssetResult r = results.get(0);
      out.printf(
          Locale.ROOT,
          "%nexposure window %d h (latency %d + exit %d), position = typical clip %.0f, bonus and"
              + " impact from the policy; LT paths = (1 - X_(1-eps))(1 - s)/(1 + b) on the same"
              + " paths; LT pol. = the policy at alpha = 1 - eps on %s's quantile at H_liq; P(0.80)"
              + " = P(insolvency) of a static LT 0.80%n",
          r.latencyHours() + r.exitHours(),
          r.latencyHours(),
          r.exitHours(),
          r.positionValueQuote(),
          r.model());
    }
  }

  private static String pct(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f%%", 100 * x) : "n/a";
  }
}

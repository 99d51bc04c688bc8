package io.liqopt.cli;

import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.simulation.PathEngine;
import io.liqopt.core.simulation.Paths;
import io.liqopt.core.simulation.Residuals;
import io.liqopt.core.simulation.ThresholdCalibrator;
import io.liqopt.core.simulation.ThresholdCalibrator.Calibration;
import io.liqopt.core.simulation.ThresholdCalibrator.Liquidation;
import io.liqopt.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
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
  static final double[] DEFAULT_EPSILONS = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.05};
  static final double STATIC_LT = 0.80;

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

  @Spec CommandSpec spec;

  /** One calibration with the policy's figures at the same ε. */
  record Row(
      double epsilon,
      double lt,
      double probability,
      double wilsonLow,
      double wilsonHigh,
      int paths,
      double analyticLt,
      double adverseMoveQuantile,
      double slippage,
      double policyLt,
      double policyAdverseMove) {}

  /** One asset's result. */
  record AssetResult(
      String symbol,
      String asOfClose,
      double price,
      double sigma24h,
      double hourlyVolatility,
      double bonus,
      double impactScale,
      double positionValueQuote,
      int latencyHours,
      int exitHours,
      String model,
      double policyLt,
      double policyAlpha,
      double staticLt,
      double staticProbability,
      int staticPaths,
      List<Row> rows,
      double seconds) {}

  @Override
  public Integer call() throws IOException {
    double[] eps = epsilons == null ? DEFAULT_EPSILONS.clone() : epsilons.clone();
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
    ResolvedPolicy policy =
        (pathModel.policyFile == null
                ? PolicyConfig.defaults()
                : PolicyConfig.load(pathModel.policyFile))
            .resolve();
    PrintWriter out = spec.commandLine().getOut();
    EvaluateCommand.Loaded loaded =
        EvaluateCommand.load(data.store(), selection.symbols, selection.market);
    long cutoff = SimulationInputs.cutoff(asOf, loaded.series());
    run(out, loaded, cutoff, policy, eps);
    return 0;
  }

  void run(
      PrintWriter out,
      EvaluateCommand.Loaded loaded,
      long cutoff,
      ResolvedPolicy policy,
      double[] eps)
      throws IOException {
    double[] sortedEps = eps.clone();
    Arrays.sort(sortedEps);
    out.printf(
        "simulate lt: %d assets as of %s, fitting %s on the bars before it%n",
        loaded.series().size(), SimulationInputs.time(cutoff), pathModel.model);
    out.flush();
    SimulationInputs.Prepared prep =
        SimulationInputs.prepare(
            loaded, cutoff, SimulationInputs.forecaster(pathModel.model), policy, stress.level());
    for (String s : prep.skipped()) {
      out.println("skipped " + s);
    }
    if (prep.assets().isEmpty()) {
      throw new IllegalArgumentException(
          "no asset can be simulated as of " + SimulationInputs.time(cutoff));
    }
    RunReport report = RunReport.create(reports.dir, "simulate-lt", Instant.now());
    List<AssetResult> results = new ArrayList<>();
    List<String> charts = new ArrayList<>();
    try (Progress p = Progress.start("calibrate", (long) prep.assets().size() * eps.length)) {
      for (SimulationInputs.Asset a : prep.assets()) {
        p.extra(a.symbol());
        long t0 = System.nanoTime();
        int exit =
            exitHours != null
                ? exitHours
                : Math.max(1, a.config().quantiles().liquidationHorizonHours() - latencyHours);
        int window = latencyHours + exit;
        Residuals res = Residuals.of(List.of(a.series())).before(cutoff);
        double[] vol = {a.hourlyVolatility()};
        Liquidation liq =
            new Liquidation(
                latencyHours,
                exit,
                a.thresholds().bonus(),
                a.impact().scale(),
                a.config().bonus().typicalClipQuote());
        Memo memo =
            new Memo(
                n ->
                    PathEngine.simulate(res, vol, n, window, pathModel.blockHours, pathModel.seed));
        List<Row> rows = new ArrayList<>();
        // largest ε first: the smaller ones reuse its paths before doubling
        for (int i = sortedEps.length - 1; i >= 0; i--) {
          double e = sortedEps[i];
          Calibration c = ThresholdCalibrator.calibrate(memo, 0, liq, e, paths, maxPaths, relTol);
          AssetThresholds pol = SimulationInputs.policyAt(a, 1 - e);
          rows.add(
              0,
              new Row(
                  e,
                  c.lt(),
                  c.probability(),
                  c.wilsonLow(),
                  c.wilsonHigh(),
                  c.paths(),
                  c.analyticLt(),
                  c.adverseMoveQuantile(),
                  liq.slippage(c.lt()),
                  pol == null ? Double.NaN : pol.lt(),
                  pol == null ? Double.NaN : pol.quantileThreshold()));
          p.step();
        }
        Paths largest = memo.largest();
        double[] m = sortedMinLogLow(largest, window);
        double staticP = ThresholdCalibrator.insolvencyProbability(m, liq, STATIC_LT);
        AssetResult r =
            new AssetResult(
                a.symbol(),
                SimulationInputs.time(a.closeMs()),
                a.market().priceQuote(),
                a.sigmaDay(),
                a.hourlyVolatility(),
                liq.bonus(),
                liq.impactScale(),
                liq.positionValueQuote(),
                latencyHours,
                exit,
                prep.modelVersion(),
                a.thresholds().lt(),
                a.thresholds().alphaUsed(),
                STATIC_LT,
                staticP,
                m.length,
                rows,
                (System.nanoTime() - t0) / 1e9);
        results.add(r);
        charts.add(
            report.writeChart("insolvency-" + a.symbol(), SimulationCharts.insolvency(r, m, liq)));
        charts.add(
            report.writeChart(
                "fan-" + a.symbol(),
                SimulationCharts.priceFan(r, memo.get(paths), a.market().priceQuote())));
      }
    }
    printTable(out, results);
    Map<String, Object> metrics = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("asOf", Instant.ofEpochMilli(cutoff).toString());
    config.put("model", prep.modelVersion());
    config.put("epsilons", sortedEps);
    config.put("paths", paths);
    config.put("maxPaths", maxPaths);
    config.put("relTol", relTol);
    config.put("latencyHours", latencyHours);
    config.put("exitHours", exitHours);
    config.put("blockHours", pathModel.blockHours);
    config.put("seed", pathModel.seed);
    config.put("staticLt", STATIC_LT);
    metrics.put("config", config);
    metrics.put("assets", results);
    metrics.put("skipped", prep.skipped());
    report.writeMetrics(metrics);
    Path index =
        report.writeHtml(
            "Stochastic LT calibration as of " + SimulationInputs.time(cutoff),
            html(results, charts, prep));
    out.println("report: " + index.toAbsolutePath().normalize());
    out.flush();
  }

  /** Caches the last few path sets by count, so the tolerances share paths (same seed). */
  static final class Memo implements IntFunction<Paths> {
    private final IntFunction<Paths> simulate;
    private final LinkedHashMap<Integer, Paths> cache =
        new LinkedHashMap<>(4, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Paths> e) {
            return size() > 3;
          }
        };
    private Paths largest;

    Memo(IntFunction<Paths> simulate) {
      this.simulate = simulate;
    }

    @Override
    public Paths apply(int n) {
      return get(n);
    }

    Paths get(int n) {
      Paths p = cache.get(n);
      if (p == null) {
        p = simulate.apply(n);
        cache.put(n, p);
      }
      if (largest == null || p.paths() > largest.paths()) {
        largest = p;
      }
      return p;
    }

    Paths largest() {
      return largest;
    }
  }

  static double[] sortedMinLogLow(Paths paths, int window) {
    double[] m = new double[paths.paths()];
    for (int p = 0; p < m.length; p++) {
      m[p] = paths.minLogLow(0, p, 0, window);
    }
    Arrays.sort(m);
    return m;
  }

  private static void printTable(PrintWriter out, List<AssetResult> results) {
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
    for (AssetResult r : results) {
      for (Row w : r.rows()) {
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
      AssetResult r = results.get(0);
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

  private static String html(
      List<AssetResult> results, List<String> charts, SimulationInputs.Prepared prep) {
    StringBuilder b = new StringBuilder();
    b.append("<p>Filtered historical simulation: 24 h blocks of standardised EWMA residuals of ")
        .append("the bars before the date, rescaled by the hourly volatility of ")
        .append(RunReport.escape(prep.modelVersion()))
        .append(" fitted on the same bars. A position at LT is liquidated after the latency and ")
        .append("sold over the exit hours at the window's lowest low less square-root impact; ")
        .append("LT* is the largest LT whose P(insolvency) is at most ε.</p>\n<table><tr>")
        .append("<th>symbol</th><th>as of (close)</th><th>σ 24 h</th><th>ε</th><th>LT*</th>")
        .append("<th>P [Wilson 95 %]</th><th>paths</th><th>analytic LT (paths)</th>")
        .append("<th>policy LT (α = 1 − ε)</th><th>policy X_α</th><th>P(insolvency) at 0.80</th>")
        .append("</tr>\n");
    for (AssetResult r : results) {
      for (Row w : r.rows()) {
        b.append(
            String.format(
                Locale.ROOT,
                "<tr><td>%s</td><td>%s</td><td>%.2f %%</td>"
                    + "<td>%.4g</td><td>%.2f %%</td><td>%.5f [%.5f, %.5f]</td><td>%d</td>"
                    + "<td>%.2f %%</td><td>%s</td><td>%s</td><td>%.4f %%</td></tr>\n",
                RunReport.escape(r.symbol()),
                r.asOfClose(),
                100 * r.sigma24h(),
                w.epsilon(),
                100 * w.lt(),
                w.probability(),
                w.wilsonLow(),
                w.wilsonHigh(),
                w.paths(),
                100 * w.analyticLt(),
                pct(w.policyLt()),
                pct(w.policyAdverseMove()),
                100 * r.staticProbability()));
      }
    }
    b.append("</table>\n");
    if (!prep.skipped().isEmpty()) {
      b.append("<p>Skipped:</p><ul>");
      for (String s : prep.skipped()) {
        b.append("<li>").append(RunReport.escape(s)).append("</li>");
      }
      b.append("</ul>");
    }
    for (String c : charts) {
      b.append("<p><img src=\"").append(c).append("\" alt=\"").append(c).append("\"></p>\n");
    }
    return b.toString();
  }
}

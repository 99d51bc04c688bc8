package io.liqopt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.simulation.Paths;
import io.liqopt.core.simulation.PortfolioStress;
import io.liqopt.core.simulation.Residuals;
import io.liqopt.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
      "Writes reports/simulate-portfolio/<run-id>/ (metrics.json, index.html, hf-fan.png)."
    })
final class SimulatePortfolioCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  @Spec CommandSpec spec;

  /** A holding as the file gives it. */
  record Entry(String symbol, double quantity, Double priceQuote, Double lt) {}

  /** The position as the file gives it. */
  record Position(double debtQuote, List<Entry> collateral) {}

  /** A holding as stressed. */
  record HoldingRow(
      String symbol,
      double quantity,
      double priceQuote,
      double valueQuote,
      double lt,
      double slippage,
      double sigma24h,
      String asOfClose) {}

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
    Position position = read(file);
    ResolvedPolicy policy =
        (pathModel.policyFile == null
                ? PolicyConfig.defaults()
                : PolicyConfig.load(pathModel.policyFile))
            .resolve();
    List<String> symbols = new ArrayList<>();
    for (Entry e : position.collateral()) {
      symbols.add(e.symbol());
    }
    EvaluateCommand.Loaded loaded = EvaluateCommand.load(data.store(), symbols, market);
    long cutoff = SimulationInputs.cutoff(asOf, loaded.series());
    run(spec.commandLine().getOut(), position, loaded, cutoff, policy);
    return 0;
  }

  /** Reads and validates the position file: a usage error (exit 2) saying what is wrong. */
  static Position read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new UsageException(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new UsageException(file + ": not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new UsageException(
          file + ": expected a JSON object {\"debtQuote\": ..., " + "\"collateral\": [...]}");
    }
    fieldsOnly(file, root, "", Set.of("debtQuote", "collateral"));
    double debt = positive(file, root, "debtQuote", "");
    JsonNode c = root.get("collateral");
    if (c == null || !c.isArray() || c.isEmpty()) {
      throw new UsageException(
          file + ": \"collateral\" must be a non-empty array of " + "{\"symbol\", \"quantity\"}");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < c.size(); i++) {
      JsonNode h = c.get(i);
      String where = "collateral[" + i + "].";
      if (!h.isObject()) {
        throw new UsageException(file + ": collateral[" + i + "] must be an object");
      }
      fieldsOnly(file, h, where, Set.of("symbol", "quantity", "priceQuote", "lt"));
      JsonNode s = h.get("symbol");
      if (s == null || !s.isTextual() || s.asText().isBlank()) {
        throw new UsageException(file + ": " + where + "symbol must be a non-empty string");
      }
      String sym = s.asText().strip();
      if (!seen.add(sym)) {
        throw new UsageException(file + ": " + sym + " is listed twice");
      }
      double q = positive(file, h, "quantity", where);
      Double price = h.has("priceQuote") ? positive(file, h, "priceQuote", where) : null;
      Double lt = h.has("lt") ? positive(file, h, "lt", where) : null;
      if (lt != null && !(lt < 1)) {
        throw new UsageException(file + ": " + where + "lt must be in (0, 1), was " + lt);
      }
      entries.add(new Entry(sym, q, price, lt));
    }
    return new Position(debt, entries);
  }

  private static void fieldsOnly(Path file, JsonNode node, String where, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new UsageException(
            file
                + ": unknown field "
                + where
                + f
                + " (known: "
                + String.join(", ", new java.util.TreeSet<>(known))
                + ")");
      }
    }
  }

  private static double positive(Path file, JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
      throw new UsageException(
          file
              + ": "
              + where
              + field
              + " must be a positive number"
              + (v == null ? " (missing)" : ", was " + v));
    }
    return v.asDouble();
  }

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
    List<io.liqopt.core.market.BarSeries> held = new ArrayList<>();
    for (Entry e : position.collateral()) {
      held.add(
          loaded.series().stream()
              .filter(s -> s.symbol().equals(e.symbol()))
              .findFirst()
              .orElseThrow());
    }
    EvaluateCommand.Loaded onlyHeld =
        new EvaluateCommand.Loaded(loaded.names(), held, loaded.factor());
    SimulationInputs.Prepared prep;
    try (Progress p = Progress.start("stress", 2)) {
      p.note("fitting " + pathModel.model);
      prep =
          SimulationInputs.prepare(
              onlyHeld,
              cutoff,
              SimulationInputs.forecaster(pathModel.model),
              policy,
              stress.level());
      if (!prep.skipped().isEmpty()) {
        throw new IllegalArgumentException("cannot stress the position: " + prep.skipped().get(0));
      }
      p.step();
      Residuals res = Residuals.of(held).before(cutoff);
      Map<String, Double> vol = new LinkedHashMap<>();
      List<PortfolioStress.Holding> holdings = new ArrayList<>();
      List<HoldingRow> rows = new ArrayList<>();
      for (int i = 0; i < held.size(); i++) {
        SimulationInputs.Asset a = prep.assets().get(i);
        Entry e = position.collateral().get(i);
        vol.put(a.symbol(), a.hourlyVolatility());
        double price = e.priceQuote() != null ? e.priceQuote() : a.market().priceQuote();
        double value = e.quantity() * price;
        double slip = Math.min(0.99, a.impact().impactFraction(value));
        double lt = e.lt() != null ? e.lt() : a.thresholds().lt();
        holdings.add(new PortfolioStress.Holding(a.symbol(), e.quantity(), price, lt, slip));
        rows.add(
            new HoldingRow(
                a.symbol(),
                e.quantity(),
                price,
                value,
                lt,
                slip,
                a.sigmaDay(),
                SimulationInputs.time(a.closeMs())));
      }
      p.note(
          "simulating "
              + paths
              + " joint paths x "
              + hours
              + " h and replaying the "
              + "historical windows");
      long t0 = System.nanoTime();
      PortfolioStress.Run run =
          PortfolioStress.run(
              holdings,
              position.debtQuote(),
              res,
              vol,
              new PortfolioStress.Design(paths, hours, pathModel.blockHours, pathModel.seed, 1),
              levels);
      double simSeconds = (System.nanoTime() - t0) / 1e9;
      Paths sim = run.simulated();
      Paths hist = run.historical();
      PortfolioStress.Result r = run.result();
      p.step();
      print(out, rows, position, r, hist.paths(), res, simSeconds);
      RunReport report = RunReport.create(reports.dir, "simulate-portfolio", Instant.now());
      String chart =
          report.writeChart(
              "hf-fan",
              SimulationCharts.healthFactorFan(
                  holdings, position.debtQuote(), sim, hist, r, hours));
      Map<String, Object> metrics = new LinkedHashMap<>();
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("asOf", Instant.ofEpochMilli(cutoff).toString());
      config.put("model", prep.modelVersion());
      config.put("paths", paths);
      config.put("hours", hours);
      config.put("blockHours", pathModel.blockHours);
      config.put("seed", pathModel.seed);
      config.put("levels", levels);
      config.put("residualHours", res.size());
      metrics.put("config", config);
      metrics.put("debtQuote", position.debtQuote());
      metrics.put("holdings", rows);
      metrics.put("result", r);
      metrics.put("historicalWindows", hist.paths());
      metrics.put(
          "worstHistoricalStart",
          r.worstHistoricalStartMs() == 0
              ? null
              : Instant.ofEpochMilli(r.worstHistoricalStartMs()).toString());
      metrics.put("simulationSeconds", simSeconds);
      report.writeMetrics(metrics);
      Path index =
          report.writeHtml(
              "Portfolio stress as of " + SimulationInputs.time(cutoff),
              html(rows, position, r, hist.paths(), chart));
      out.println("report: " + index.toAbsolutePath().normalize());
      out.flush();
    }
  }

  private void print(
      PrintWriter out,
      List<HoldingRow> rows,
      Position position,
      PortfolioStress.Result r,
      int windows,
      Residuals res,
      double simSeconds) {
    out.printf(
        "%n%-10s %14s %14s %14s %7s %8s %7s  %s%n",
        "symbol", "quantity", "price", "value", "LT", "slippage", "vol24h", "price as of (close)");
    double total = 0;
    for (HoldingRow h : rows) {
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
    for (String line : lines(r, windows)) {
      out.println(line);
    }
    out.printf(
        Locale.ROOT,
        "(%d paths x %d h simulated, and stressed with the historical "
            + "windows, in %.2f s, from %d common hours of residuals, %s to %s)%n",
        r.paths(),
        hours,
        simSeconds,
        res.size(),
        SimulationInputs.time(res.timeMs(0)),
        SimulationInputs.time(res.timeMs(res.size() - 1)));
  }

  private List<String> lines(PortfolioStress.Result r, int windows) {
    List<String> l = new ArrayList<>();
    double[] q = r.minHealthFactorQuantiles().stream().mapToDouble(Double::doubleValue).toArray();
    l.add(String.format(Locale.ROOT, "health factor now        %.4f", r.healthFactorNow()));
    l.add(
        String.format(
            Locale.ROOT,
            "lowest HF over %d h      1%%: %.4f  5%%: %.4f  50%%: %.4f",
            hours,
            q[0],
            q[1],
            q[2]));
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

  private String html(
      List<HoldingRow> rows,
      Position position,
      PortfolioStress.Result r,
      int windows,
      String chart) {
    StringBuilder b =
        new StringBuilder(
            "<table><tr><th>symbol</th><th>quantity</th>"
                + "<th>price</th><th>value</th><th>LT</th><th>slippage</th><th>σ 24 h</th>"
                + "<th>price as of</th></tr>\n");
    for (HoldingRow h : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%.6f</td><td>%.4f</td><td>%.2f</td><td>%.2f %%</td><td>%.3f"
                  + " %%</td><td>%.2f %%</td><td>%s</td></tr>\n",
              RunReport.escape(h.symbol()),
              h.quantity(),
              h.priceQuote(),
              h.valueQuote(),
              100 * h.lt(),
              100 * h.slippage(),
              100 * h.sigma24h(),
              h.asOfClose()));
    }
    b.append("</table>\n<p>Debt ")
        .append(String.format(Locale.ROOT, "%.2f", position.debtQuote()))
        .append(".</p>\n<pre>");
    for (String l : lines(r, windows)) {
      b.append(RunReport.escape(l)).append('\n');
    }
    b.append("</pre>\n<p><img src=\"").append(chart).append("\" alt=\"HF fan\"></p>\n");
    return b.toString();
  }
}

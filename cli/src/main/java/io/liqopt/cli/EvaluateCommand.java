package io.liqopt.cli;

import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.HourlyMarket;
import io.liqopt.store.MarketStore;
import io.liqopt.training.walkforward.EvaluationJob;
import io.liqopt.training.walkforward.EvaluationSummary;
import io.liqopt.training.walkforward.Forecasters;
import io.liqopt.training.walkforward.PredictionsCsv;
import io.liqopt.training.walkforward.WalkForwardConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liqopt evaluate}: the walk-forward evaluation of forecasters over the store. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Walk-forward evaluation of volatility, adverse-move quantile and stress "
          + "forecasts over the hourly bars of the store: expanding training window, refit every "
          + "test block, an embargo between training and test. Writes reports/evaluate/<run-id>/ "
          + "(metrics.json, index.html, PNG charts)."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Mixin SeriesSelection selection;

  @Mixin ForecastSpecOptions forecast;

  @Option(
      names = "--models",
      split = ",",
      defaultValue = "baselines",
      paramLabel = "NAME[,NAME...]",
      description =
          "Models to evaluate: baselines (= hs, ewma, garch, har, har-cal, garch-cal, har-garch),"
              + " ml, or names; the first is the reference of the Diebold-Mariano tests (default:"
              + " ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(
      names = "--min-train-days",
      defaultValue = "180",
      description = "Training days before the first test block (default: ${DEFAULT-VALUE}).")
  int minTrainDays;

  @Option(
      names = "--test-block-days",
      defaultValue = "30",
      description =
          "Test block length; models are refitted before each (default: ${DEFAULT-VALUE}).")
  int testBlockDays;

  @Option(
      names = "--embargo-hours",
      paramLabel = "H",
      description = "Gap between training and test (default and minimum: the longest horizon).")
  Integer embargoHours;

  @Option(
      names = "--hs-lookback-days",
      defaultValue = "365",
      description = "Look-back of historical simulation (default: ${DEFAULT-VALUE}).")
  int hsLookbackDays;

  @Option(
      names = "--predictions",
      description =
          "Also write every out-of-sample forecast beside its realised target to "
              + "predictions.csv.gz in the report folder (tens of MB on years of hourly data).")
  boolean predictions;

  @Mixin ReportsDirOption reports;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    EvaluationJob.Result r = run(out, data.store(), selection.symbols, selection.market, options());
    printSummary(out, r);
    CoverageConsole.print(out, r.summary());
    if (predictions) {
      PredictionsCsv.Written w = PredictionsCsv.writeInto(r);
      out.printf("predictions: %,d rows in %s%n", w.lines(), w.file().toAbsolutePath().normalize());
      out.flush();
    }
    return 0;
  }

  /** The validated options, so that quickstart can run the same job with defaults. */
  Options options() {
    ForecastSpec fs;
    List<Forecaster> forecasters;
    WalkForwardConfig config;
    try {
      fs = forecast.spec();
      forecasters = Forecasters.named(models, hsLookbackDays);
      config = WalkForwardConfig.of(fs, minTrainDays, testBlockDays, embargoHours, forecast.seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return new Options(forecasters, config, reports.dir);
  }

  record Options(List<Forecaster> forecasters, WalkForwardConfig config, Path reports) {
    static Options defaults(Path reports) {
      ForecastSpec fs = ForecastSpec.defaults();
      return new Options(
          Forecasters.named(List.of("baselines"), 365),
          WalkForwardConfig.defaults(fs, 42),
          reports);
    }
  }

  /** The series to work on and the market-factor series among them. */
  record Loaded(List<String> names, List<BarSeries> series, BarSeries factor) {}

  /** The {@link HourlyMarket} of the store (see there), as the simulation commands take it. */
  static Loaded load(MarketStore store, List<String> symbols, String market) throws IOException {
    HourlyMarket m = HourlyMarket.load(store, symbols, market);
    return new Loaded(m.names(), m.series(), m.factor());
  }

  /** Loads the series and runs the evaluation with a progress bar over folds. */
  static EvaluationJob.Result run(
      PrintWriter out, MarketStore store, List<String> symbols, String market, Options o)
      throws IOException {
    return run(out, load(store, symbols, market), o);
  }

  /** Runs the evaluation on series already loaded. */
  static EvaluationJob.Result run(PrintWriter out, Loaded loaded, Options o) throws IOException {
    List<BarSeries> series = loaded.series();
    List<String> names = loaded.names();
    String factor = loaded.factor().symbol();
    out.printf(
        "evaluating %s on %d assets (%s), horizons %s h, market factor %s%n",
        o.forecasters().stream().map(Forecaster::name).toList(),
        series.size(),
        String.join(", ", names),
        o.config().spec().horizonsHours(),
        factor);
    out.flush();
    try (Progress p = Progress.start("evaluate", 1000)) {
      return EvaluationJob.run(
          series,
          loaded.factor(),
          o.forecasters(),
          o.config(),
          o.reports(),
          Instant.now(),
          (done, total, what) -> {
            p.extra(what);
            p.stepTo((long) done * 1000 / total);
          });
    }
  }

  static void printSummary(PrintWriter out, EvaluationJob.Result r) {
    for (EvaluationSummary.Cell cell : r.summary().pooled()) {
      out.printf("%n%d h, all assets pooled (%d rows):%n", cell.horizonHours(), cell.rows());
      out.printf(
          "  %-8s %9s %8s %12s %13s %13s %14s %9s %8s%n",
          "model",
          "QLIKE",
          "MZ R2",
          "pinball.99",
          "exceed.99 1ph",
          "Kupiec p 1ph",
          "hit.99 every h",
          "HAC p",
          "AUC");
      for (EvaluationSummary.ModelScores m : cell.models()) {
        var cov = m.coverage().get("0.99");
        var all = m.allHoursCoverage().get("0.99");
        var hit = all == null ? null : all.hitRate();
        out.printf(
            Locale.ROOT,
            "  %-8s %9.4f %8s %12.3e %13s %13s %14s %9s %8s%n",
            m.model(),
            m.variance().qlike(),
            m.mincerZarnowitz() == null
                ? "-"
                : String.format(Locale.ROOT, "%.3f", m.mincerZarnowitz().rSquared()),
            m.pinball().get("0.99"),
            cov == null ? "-" : String.format(Locale.ROOT, "%.4f", cov.rate()),
            cov == null ? "-" : String.format(Locale.ROOT, "%.3g", cov.pPof()),
            hit == null ? "-" : String.format(Locale.ROOT, "%.4f", hit.rate()),
            hit == null || hit.pValue() == null
                ? "-"
                : String.format(Locale.ROOT, "%.3g", hit.pValue()),
            m.stress() == null || m.stress().auc() == null
                ? "-"
                : String.format(Locale.ROOT, "%.3f", m.stress().auc()));
      }
    }
    out.printf(
        Locale.ROOT,
        "%nwalk-forward: %d folds in %.1f s; features at %.2f M rows/s%n",
        r.data().folds().size(),
        r.runtimeSeconds(),
        r.featureRowsPerSecond() / 1e6);
    out.println("report: " + r.index().toAbsolutePath().normalize());
    out.flush();
  }
}

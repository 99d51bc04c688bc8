package io.liqopt.cli;

import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.HourlyMarket;
import io.liqopt.store.MarketStore;
import io.liqopt.training.Recipe;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.ForecasterFactory;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.walkforward.EvaluationJob;
import io.liqopt.training.walkforward.EvaluationSummary;
import io.liqopt.training.walkforward.PredictionsCsv;
import io.liqopt.training.walkforward.RescoreJob;
import io.liqopt.training.walkforward.TaskRunner;
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

  @Mixin RecipeOption recipe;

  @Option(
      names = "--models",
      split = ",",
      paramLabel = "NAME[,NAME...]",
      description =
          "Models to evaluate: baselines (= hs, ewma, garch, har, har-cal, garch-cal, har-garch),"
              + " ml, or names (default: the recipe's, baselines and ml).")
  List<String> models;

  @Option(
      names = "--reference",
      paramLabel = "NAME",
      description =
          "The model every other is judged against: QLIKE ratios and Diebold-Mariano tests "
              + "(default: the recipe's, named before the run; the first model when it is not "
              + "among --models).")
  String reference;

  @Option(
      names = "--min-train-days",
      description = "Training days before the first test block (default: the recipe's, 180).")
  Integer minTrainDays;

  @Option(
      names = "--test-block-days",
      description =
          "Test block length; models are refitted before each (default: the recipe's, 30).")
  Integer testBlockDays;

  @Option(
      names = "--embargo-hours",
      paramLabel = "H",
      description =
          "Gap between training and test (default: the recipe's; at least the longest horizon).")
  Integer embargoHours;

  @Mixin QuantileTrackingOption tracking;

  @Option(
      names = "--hs-lookback-days",
      description = "Look-back of historical simulation (default: the recipe's, 365).")
  Integer hsLookbackDays;

  @Option(
      names = "--interval",
      paramLabel = "I",
      converter = IntervalConverter.class,
      description =
          "The bars to evaluate on: 1h (default), or shorter ones such as 1m, for the baselines "
              + "only; features keep their windows in hours and every bar is forecast, but only "
              + "the forecasts made at the close of an hour are scored.")
  BarInterval interval = BarInterval.H1;

  @Option(
      names = "--predictions",
      description =
          "Also write every out-of-sample forecast beside its realised target to "
              + "predictions.csv.gz in the report folder (tens of MB on years of hourly data).")
  boolean predictions;

  @Option(
      names = "--rescore",
      paramLabel = "FILE",
      description =
          "Recompute every score from a predictions.csv.gz written by evaluate --predictions, "
              + "without data or refitting, into a new reports/evaluate/<run-id>/ (the reference "
              + "model is the run's unless --reference or --models is given).")
  Path rescore;

  @Mixin ReportsDirOption reports;

  @Mixin EngineOption engine;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (rescore != null) {
      return rescore(out);
    }
    engine.validate();
    Options o = options();
    EvaluationInterval.check(interval, o.forecasters());
    MarketStore store = data.store();
    HourlyMarket m = HourlyMarket.load(store, selection.symbols, selection.market, interval);
    Loaded loaded = new Loaded(m.names(), m.series(), m.factor());
    EvaluationJob.Result r;
    try (Engine e = engine.start(out)) {
      TaskRunner runner =
          e == null
              ? null
              : e.walkForward(
                  MarketSource.of(data.dir, selection.symbols, selection.market, m), o.factory());
      r = run(out, loaded, o, runner);
    }
    printSummary(out, r);
    CoverageConsole.print(out, r.summary());
    IntervalConsole.print(out, r.summary());
    if (predictions) {
      PredictionsCsv.Written w = PredictionsCsv.writeInto(r);
      out.printf("predictions: %,d rows in %s%n", w.lines(), w.file().toAbsolutePath().normalize());
      out.flush();
    }
    return 0;
  }

  private int rescore(PrintWriter out) throws IOException {
    if (!java.nio.file.Files.isRegularFile(rescore)) {
      throw new UsageException("--rescore: no such file: " + rescore);
    }
    String ref = reference != null ? reference : models != null ? models.get(0) : null;
    RescoreJob.Result r;
    try {
      r = RescoreJob.run(rescore, ref, reports.dir, Instant.now());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    printScores(out, r.summary());
    CoverageConsole.print(out, r.summary());
    IntervalConsole.print(out, r.summary());
    out.printf(Locale.ROOT, "%nrescored in %.1f s%n", r.runtimeSeconds());
    out.println("report: " + r.index().toAbsolutePath().normalize());
    out.flush();
    return 0;
  }

  /** The validated options: the recipe with the options given explicitly applied over it. */
  Options options() throws IOException {
    Recipe.Loaded loaded = recipe.load();
    Recipe r = loaded.recipe();
    Recipe.Overrides overrides = new Recipe.Overrides();
    Recipe.Forecast f = recipe.forecast(r.forecast(), forecast, overrides);
    f = tracking.apply(f, overrides);
    Recipe.WalkForward w = r.walkForward();
    w =
        new Recipe.WalkForward(
            overridden(overrides, "--min-train-days", minTrainDays, w.minTrainDays()),
            overridden(overrides, "--test-block-days", testBlockDays, w.testBlockDays()),
            embargoHours == null ? w.embargoHours() : embargoHours);
    if (embargoHours != null) {
      overrides.add("--embargo-hours", embargoHours);
    }
    Recipe.Evaluation e = r.evaluation();
    List<String> names = e.models();
    if (models != null) {
      overrides.add("--models", RecipeOption.joined(models));
      names = models;
    }
    e =
        new Recipe.Evaluation(
            names,
            reference == null ? e.reference() : reference,
            overridden(overrides, "--hs-lookback-days", hsLookbackDays, e.hsLookbackDays()));
    if (reference != null) {
      overrides.add("--reference", reference);
    }
    return Options.of(r.with(f, w, e), loaded, overrides, reports.dir);
  }

  private static int overridden(
      Recipe.Overrides overrides, String option, Integer given, int recipeValue) {
    if (given == null) {
      return recipeValue;
    }
    overrides.add(option, given);
    return given;
  }

  /**
   * A run's forecasters, protocol and report folder, and the recipe they came from.
   *
   * @param recipe the recipe's provenance with the overrides
   */
  record Options(
      List<Forecaster> forecasters,
      WalkForwardConfig config,
      Path reports,
      io.liqopt.ml.RecipeProvenance recipe,
      ForecasterFactory factory) {

    /**
     * The options of {@code r}: a bad value is a usage error. When the recipe's reference is not
     * among the models the first is, and that is recorded as an override.
     */
    static Options of(Recipe r, Recipe.Loaded loaded, Recipe.Overrides overrides, Path reports) {
      try {
        List<Forecaster> forecasters = r.forecasters(r.evaluation().models());
        if (!r.referenceAmong(forecasters)) {
          overrides.add("--reference", forecasters.get(0).name());
        }
        return new Options(
            forecasters,
            r.walkForwardConfig(),
            reports,
            loaded.provenance(overrides.list()),
            ForecasterFactory.of(r, r.evaluation().models()));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    /** The embedded recipe's protocol over the baselines only: quickstart's quick evaluation. */
    static Options defaults(Path reports) {
      Recipe.Loaded loaded = Recipe.embedded();
      Recipe r = loaded.recipe();
      Recipe.Overrides overrides = new Recipe.Overrides();
      overrides.add("--models", "baselines");
      Recipe.Evaluation e =
          new Recipe.Evaluation(
              List.of("baselines"), r.evaluation().reference(), r.evaluation().hsLookbackDays());
      return of(r.with(r.forecast(), r.walkForward(), e), loaded, overrides, reports);
    }
  }

  /** The series to work on and the market-factor series among them. */
  record Loaded(List<String> names, List<BarSeries> series, BarSeries factor) {
    /** Where workers of a distributed engine read this market: the store of {@code dataDir}. */
    MarketSource source(Path dataDir, SeriesSelection selection) {
      return MarketSource.of(
          dataDir, selection.symbols, selection.market, new HourlyMarket(names, series, factor));
    }
  }

  /** The {@link HourlyMarket} of the store (see there), as the simulation commands take it. */
  static Loaded load(MarketStore store, List<String> symbols, String market) throws IOException {
    HourlyMarket m = HourlyMarket.load(store, symbols, market);
    return new Loaded(m.names(), m.series(), m.factor());
  }

  /** Runs the evaluation on series already loaded, in this JVM. */
  static EvaluationJob.Result run(PrintWriter out, Loaded loaded, Options o) throws IOException {
    return run(out, loaded, o, null);
  }

  /** Runs the evaluation on series already loaded, its tasks on {@code runner} (null: here). */
  static EvaluationJob.Result run(PrintWriter out, Loaded loaded, Options o, TaskRunner runner)
      throws IOException {
    List<BarSeries> series = loaded.series();
    List<String> names = loaded.names();
    String factor = loaded.factor().symbol();
    out.printf(
        "evaluating %s on %d assets (%s) of %s bars, horizons %s h, market factor %s%n",
        o.forecasters().stream().map(Forecaster::name).toList(),
        series.size(),
        String.join(", ", names),
        loaded.factor().interval(),
        o.config().spec().horizonsHours(),
        factor);
    printRecipe(out, o.recipe());
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
          },
          o.recipe(),
          runner);
    }
  }

  /** One line naming the recipe and what overrode it. */
  static void printRecipe(PrintWriter out, io.liqopt.ml.RecipeProvenance r) {
    out.printf(
        "recipe %s v%d (%s, SHA-256 %s)%s%n",
        r.name(),
        r.version(),
        r.source(),
        r.sha256().substring(0, 12),
        r.asWritten() ? ", as written" : "; overridden: " + String.join(" ", r.overrides()));
  }

  static void printSummary(PrintWriter out, EvaluationJob.Result r) {
    printScores(out, r.summary());
    out.printf(
        Locale.ROOT,
        "%nwalk-forward: %d folds in %.1f s; features at %.2f M rows/s%n",
        r.data().folds().size(),
        r.runtimeSeconds(),
        r.featureRowsPerSecond() / 1e6);
    out.println("report: " + r.index().toAbsolutePath().normalize());
    out.flush();
  }

  /** The pooled scores of every horizon and model. */
  static void printScores(PrintWriter out, EvaluationSummary.Summary summary) {
    for (EvaluationSummary.Cell cell : summary.pooled()) {
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
            m.variance() == null ? Double.NaN : m.variance().qlike(),
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
  }
}

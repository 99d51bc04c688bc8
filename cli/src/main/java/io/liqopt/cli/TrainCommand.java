package io.liqopt.cli;

import io.liqopt.store.HourlyMarket;
import io.liqopt.training.Recipe;
import io.liqopt.training.TrainingRun;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.ml.TrainJob;
import io.liqopt.training.walkforward.EvaluationJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liqopt train}: train the ML models on all data up to a time and write a bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the ML models (XGBoost log-RV regressors, calibrated XGBoost stress "
          + "classifier, conformal DJL quantile network) on every stored hourly bar before --as-of "
          + "and write models/<bundle-id>/ with its manifest; models/LATEST names it.",
      "With --walk-forward, first evaluate the ML model beside the baselines (the same runner as "
          + "'evaluate') and record the pooled metrics in the manifest."
    })
final class TrainCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Mixin ModelsDirOption models;

  @Mixin SeriesSelection selection;

  @Mixin ForecastSpecOptions forecast;

  @Mixin ReportsDirOption reports;

  @Option(
      names = "--as-of",
      paramLabel = "T",
      description = "Train on bars opening before T (ISO instant or date, UTC; default: all).")
  String asOf;

  @Option(
      names = "--walk-forward",
      negatable = true,
      defaultValue = "false",
      description =
          "Also run the walk-forward evaluation of ml beside the baselines and record "
              + "its metrics in the manifest (default: ${DEFAULT-VALUE}).")
  boolean walkForward;

  @Mixin RecipeOption recipe;

  @Option(
      names = "--max-train-rows",
      description = "Fit rows per model, subsampled evenly (default: the recipe's, 60000).")
  Integer maxTrainRows;

  @Mixin EngineOption engine;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    engine.validate();
    if (!walkForward && !engine.engine.equals("local")) {
      throw new UsageException(
          "--engine spark runs the walk-forward's fits: it needs --walk-forward (the bundle's"
              + " model itself trains in this JVM)");
    }
    long asOfMs = parseAsOf(asOf);
    TrainingRun.Request request = request(asOfMs);
    EvaluateCommand.printRecipe(out, request.provenance());
    HourlyMarket market = HourlyMarket.load(data.store(), selection.symbols, selection.market);
    TrainingRun.Result result;
    try (Engine e = engine.start(out);
        ProgressListener listener = new ProgressListener(out)) {
      TrainingRun.Remote remote =
          e == null
              ? null
              : new TrainingRun.Remote(e, data.dir, selection.symbols, selection.market);
      result = TrainingRun.run(market, request, InstantSource.system(), listener, remote);
    }
    TrainJob.Result trained = result.trained();
    out.printf(
        "trained in %.1f s on %d fit rows (selection %d, calibration %d)%n",
        trained.trainSeconds(),
        trained.fit().fitRows(),
        trained.fit().selectionRows(),
        trained.fit().calibrationRows());
    out.println("bundle:   " + trained.bundle().toAbsolutePath().normalize());
    out.println(
        "verify:   ./bin/liqopt models verify "
            + trained.manifest().bundleId()
            + " --models "
            + models.dir);
    out.flush();
    return 0;
  }

  /** The recipe with the options given explicitly applied over it. */
  private TrainingRun.Request request(long asOfMs) throws IOException {
    Recipe.Loaded loaded = recipe.load();
    Recipe r = loaded.recipe();
    Recipe.Overrides overrides = new Recipe.Overrides();
    Recipe.Forecast f = recipe.forecast(r.forecast(), forecast, overrides);
    r = r.with(f, r.walkForward(), r.evaluation());
    if (maxTrainRows != null) {
      overrides.add("--max-train-rows", maxTrainRows);
      Recipe.Ml m = r.ml();
      r =
          r.withMl(
              new Recipe.Ml(
                  m.selectionDays(),
                  m.calibrationDays(),
                  maxTrainRows,
                  m.quantileHorizonHours(),
                  m.walkForwardRefitDays(),
                  m.treeGrid(),
                  m.network()));
    }
    try {
      r.mlOptions();
      r.spec();
      return new TrainingRun.Request(
          r, loaded.provenance(overrides.list()), asOfMs, walkForward, models.dir, reports.dir);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * Renders a run as it goes: a progress bar over the walk-forward, then its summary, then the
   * training line and a progress bar over its stages. Closing it ends a bar left open by a failure.
   */
  private static final class ProgressListener implements TrainingRun.Listener, AutoCloseable {
    private final PrintWriter out;
    private Progress progress;

    ProgressListener(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void evaluating() {
      progress = Progress.start("walk-forward", 1000);
    }

    @Override
    public void evaluationStep(int done, int total, String what) {
      progress.extra(what);
      progress.stepTo((long) done * 1000 / total);
    }

    @Override
    public void evaluated(EvaluationJob.Result result) {
      close();
      EvaluateCommand.printSummary(out, result);
    }

    @Override
    public void training(int assets, long asOfExclusiveMs, int stages) {
      out.printf(
          "training ml on %d assets, bars before %s%n",
          assets,
          asOfExclusiveMs == Long.MAX_VALUE
              ? "the end of the data"
              : Instant.ofEpochMilli(asOfExclusiveMs));
      out.flush();
      progress = Progress.start("train", stages);
    }

    @Override
    public void trainingStep(String line) {
      progress.step();
      progress.note(line);
    }

    @Override
    public void close() {
      if (progress != null) {
        progress.close();
        progress = null;
      }
    }
  }

  static long parseAsOf(String asOf) {
    if (asOf == null) {
      return Long.MAX_VALUE;
    }
    try {
      return Instant.parse(asOf).toEpochMilli();
    } catch (DateTimeParseException e) {
      return CliDates.startOfDayUtc(
          asOf, "--as-of (an ISO instant such as " + "2025-01-01T00:00:00Z, or a date)");
    }
  }
}

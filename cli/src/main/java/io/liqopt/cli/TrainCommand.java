package io.liqopt.cli;

import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleMetrics;
import io.liqopt.training.ml.MlForecaster;
import io.liqopt.training.ml.TrainJob;
import io.liqopt.training.walkforward.EvaluationJob;
import io.liqopt.training.walkforward.Forecasters;
import io.liqopt.training.walkforward.WalkForwardConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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

  @Option(
      names = "--max-train-rows",
      defaultValue = "60000",
      description = "Fit rows per model, subsampled evenly (default: ${DEFAULT-VALUE}).")
  int maxTrainRows;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    long asOfMs = parseAsOf(asOf);
    ForecastSpec fs;
    MlForecaster.Options options;
    try {
      fs = forecast.spec();
      MlForecaster.Options d = MlForecaster.Options.defaults();
      options =
          new MlForecaster.Options(
              d.selectionDays(),
              d.calibrationDays(),
              maxTrainRows,
              d.grid(),
              d.net(),
              d.quantileHorizonHours(),
              0);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    EvaluateCommand.Loaded loaded =
        EvaluateCommand.load(data.store(), selection.symbols, selection.market);
    BundleMetrics metrics = BundleMetrics.NONE;
    if (walkForward) {
      List<Forecaster> all = new ArrayList<>(Forecasters.named(List.of("baselines"), 365));
      all.add(
          new MlForecaster(
              new MlForecaster.Options(
                  options.selectionDays(),
                  options.calibrationDays(),
                  options.maxTrainRows(),
                  options.grid(),
                  options.net(),
                  options.quantileHorizonHours(),
                  MlForecaster.Options.walkForward().refitDays())));
      WalkForwardConfig config = WalkForwardConfig.defaults(fs, forecast.seed);
      List<BarSeries> past = new ArrayList<>();
      for (BarSeries s : loaded.series()) {
        past.add(s.slice(Long.MIN_VALUE, asOfMs));
      }
      EvaluationJob.Result r;
      try (Progress p = Progress.start("walk-forward", 1000)) {
        r =
            EvaluationJob.run(
                past,
                loaded.factor().slice(Long.MIN_VALUE, asOfMs),
                all,
                config,
                reports.dir,
                Instant.now(),
                (done, total, what) -> {
                  p.extra(what);
                  p.stepTo((long) done * 1000 / total);
                });
      }
      EvaluateCommand.printSummary(out, r);
      metrics = EvaluationJob.bundleMetrics(r);
    }
    out.printf(
        "training ml on %d assets, bars before %s%n",
        loaded.series().size(),
        asOfMs == Long.MAX_VALUE ? "the end of the data" : Instant.ofEpochMilli(asOfMs));
    out.flush();
    TrainJob.Result result;
    int stages = fs.horizonsHours().size() + 1 + options.net().maxEpochs();
    try (Progress p = Progress.start("train", stages)) {
      result =
          TrainJob.run(
              loaded.series(),
              loaded.factor(),
              asOfMs,
              fs,
              options,
              forecast.seed,
              models.dir,
              metrics,
              Instant.now(),
              line -> {
                p.step();
                p.note(line);
              });
    }
    out.printf(
        "trained in %.1f s on %d fit rows (selection %d, calibration %d)%n",
        result.trainSeconds(),
        result.fit().fitRows(),
        result.fit().selectionRows(),
        result.fit().calibrationRows());
    out.println("bundle:   " + result.bundle().toAbsolutePath().normalize());
    out.println(
        "verify:   ./bin/liqopt models verify "
            + result.manifest().bundleId()
            + " --models "
            + models.dir);
    out.flush();
    return 0;
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

package io.liqopt.cli;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.policy.LivePriceGuard;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.serving.replay.MarketReplay;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.training.walkforward.Forecasters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liqopt replay}: stored history through the live engine, with faults, hour by hour. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay stored hours through the live engine end to end: a local mock exchange plays the"
          + " hours as Binance kline streams from three venues (with injected faults: a −40 %%"
          + " spike, a dropped connection, late, duplicate and malformed messages, a frozen"
          + " venue, and a venue restart that leaves one asset one source) into a service with"
          + " live prices and a synthetic position book, on a clock running SPEED times market"
          + " time. After each hour it reads what a keeper would through the API: thresholds,"
          + " guarded prices, the book, the liquidation queue and the stream's events.",
      "Writes reports/replay/<run-id>/ (metrics.json, index.html, PNG charts). The October 2025"
          + " crash: --from 2025-10-09 --to 2025-10-13 on a store holding it."
    })
final class ReplayCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Mixin ModelsDirOption models;

  @Mixin ReportsDirOption reports;

  @Mixin StressLevelOption stress;

  @Mixin QuantileTrackingOption tracking;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DATE",
      description = "First replayed day (YYYY-MM-DD, 00:00 UTC).")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DATE",
      description = "End of the replay (YYYY-MM-DD, 00:00 UTC, not replayed).")
  String to;

  @Option(
      names = "--symbols",
      split = ",",
      paramLabel = "A,B",
      description = "Assets (default: every hourly series in the store).")
  List<String> symbols = List.of();

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      description =
          "Serve this classical forecaster (as serve --baseline); default: the bundle in"
              + " --models when it has a LATEST, else har-garch.")
  String baseline;

  @Mixin PolicyFileOption policyFile;

  @Option(
      names = "--positions",
      defaultValue = "5000",
      paramLabel = "N",
      description = "Positions in the synthetic book (default: ${DEFAULT-VALUE}).")
  int positions;

  @Option(
      names = "--seed",
      defaultValue = "7",
      paramLabel = "S",
      description = "Seed of the book (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--speed",
      defaultValue = "720",
      paramLabel = "X",
      description =
          "Market time per wall time (720: an hour every 5 s; default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--steps-per-hour",
      defaultValue = "60",
      paramLabel = "N",
      description = "Kline updates per hour per venue (default: ${DEFAULT-VALUE}).")
  int stepsPerHour;

  @Option(
      names = "--price-max-age-minutes",
      defaultValue = "10",
      paramLabel = "M",
      description = "A source silent this long (market time) is stale (default: ${DEFAULT-VALUE}).")
  int maxAgeMinutes;

  @Option(
      names = "--price-freeze-steps",
      defaultValue = "10",
      paramLabel = "N",
      description =
          "A source repeating one price this many updates is frozen (default: ${DEFAULT-VALUE}).")
  int freezeSteps;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long fromMs = CliDates.startOfDayUtc(from, "--from");
    long toMs = CliDates.startOfDayUtc(to, "--to");
    if (toMs <= fromMs) {
      throw new UsageException("--to must be after --from");
    }
    if (baseline != null && !Forecasters.BASELINES.contains(baseline)) {
      throw new UsageException(
          "--baseline must be one of " + String.join(", ", Forecasters.BASELINES));
    }
    String model =
        baseline != null
            ? baseline
            : Files.exists(models.dir.resolve("LATEST")) ? null : "har-garch";
    ResolvedPolicy policy = policyFile.resolve();
    ThresholdEngine.Settings engine;
    LivePriceGuard.Settings guard;
    try {
      engine =
          new ThresholdEngine.Settings(
              data.dir,
              models.dir,
              policy,
              model,
              ThresholdEngine.Clock.WALL,
              120,
              168,
              null,
              stress.level(),
              tracking.gamma());
      guard =
          new LivePriceGuard.Settings(
              0.02, 2, maxAgeMinutes * 60_000L, freezeSteps, 0.25, 3_600_000);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    out.println(
        "replay of "
            + from
            + " .. "
            + to
            + " with "
            + (model == null ? "the bundle in " + models.dir : model)
            + ", "
            + positions
            + " positions, at "
            + speed
            + "×");
    run(
        out,
        work ->
            new MarketReplay.Settings(
                data.dir,
                work,
                symbols,
                fromMs,
                toMs,
                engine,
                positions,
                seed,
                speed,
                stepsPerHour,
                guard,
                null),
        reports.dir,
        model);
    return 0;
  }

  /**
   * Runs a replay in a scratch folder (deleted after), writes its report and prints where it is.
   *
   * @param settings the settings of a scratch folder
   * @param model the baseline served, null for the bundle
   * @return the report's index.html
   * @throws UsageException when the settings or the store do not allow the replay
   */
  static Path run(
      PrintWriter out,
      Function<Path, MarketReplay.Settings> settings,
      Path reportsDir,
      String model)
      throws IOException, InterruptedException {
    out.flush();
    Path work = Files.createTempDirectory("liqopt-replay-");
    MarketReplay.Settings s;
    MarketReplay.Result r;
    try {
      try {
        s = settings.apply(work);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      r =
          MarketReplay.run(
              s,
              line -> {
                out.println(line);
                out.flush();
              });
    } finally {
      AtomicFiles.deleteTree(work);
    }
    Path page = ReplayReport.write(reportsDir, Instant.now(), r, s, model);
    out.println(ReplayReport.summary(r));
    out.println("replay:       " + page.toAbsolutePath().normalize());
    out.flush();
    return page;
  }
}

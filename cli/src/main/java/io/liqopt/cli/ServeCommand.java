package io.liqopt.cli;

import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.serving.ExampleAsset;
import io.liqopt.serving.Server;
import io.liqopt.serving.api.Limits;
import io.liqopt.serving.state.BarPathRehearsal;
import io.liqopt.serving.state.ServingModel;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.training.walkforward.Forecasters;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liqopt serve}: the threshold API over the store and the LATEST bundle. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve thresholds, position assessments and bar ingest over HTTP (Javalin).",
      "Loads models/LATEST (verified), the risk configuration, the recent bars of every stored "
          + "asset and the persisted governor state; /ready turns 200 once every asset has "
          + "its thresholds. Ingest and reload need LIQOPT_TOKEN in the environment "
          + "(unset: those routes answer 403).",
      "Stops on Ctrl-C / SIGTERM after draining requests in flight."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Mixin ModelsDirOption models;

  /** L of a baseline's stress event; a bundle brings its own. */
  @Mixin StressLevelOption stress;

  @Mixin QuantileTrackingOption tracking;

  @Option(
      names = "--port",
      defaultValue = "7070",
      paramLabel = "PORT",
      description = "Port (0: any free one; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "HOST",
      description = "Interface to bind (0.0.0.0 for all; default: ${DEFAULT-VALUE}).")
  String host;

  @Mixin PolicyFileOption policyFile;

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      description =
          "Serve a classical forecaster fitted at start-up instead of a bundle: hs, ewma, garch,"
              + " har, har-cal, garch-cal or har-garch, or any of them +paths for the adverse-move"
              + " quantiles and stress probability from the path engine at its volatility (stated"
              + " in every response's mode). A bundle brings its own choice of quantile source"
              + " per horizon.")
  String baseline;

  @Option(
      names = "--clock",
      defaultValue = "wall",
      paramLabel = "wall|data",
      description =
          "'wall': now is the machine's time, old data is stale; 'data': now is the "
              + "newest bar's close (for historical or synthetic data; default: ${DEFAULT-VALUE}).")
  String clock;

  @Option(
      names = "--history-days",
      defaultValue = "120",
      paramLabel = "D",
      description = "Days of bars held in memory per asset (default: ${DEFAULT-VALUE}).")
  int historyDays;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "16777216",
      paramLabel = "N",
      description = "Largest request body (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(
      names = "--max-positions",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Largest assessment batch (default: ${DEFAULT-VALUE}).")
  int maxPositions;

  @Option(
      names = "--max-answer-bytes",
      defaultValue = "33554432",
      paramLabel = "N",
      description =
          "Largest answer body; a larger answer is refused with 413 before it is written "
              + "(default: ${DEFAULT-VALUE}).")
  long maxAnswerBytes;

  @Option(
      names = "--deadline-ms",
      defaultValue = "10000",
      paramLabel = "MS",
      description =
          "How long a compute route may work on one request; past it the answer is 503 with "
              + "Retry-After (default: ${DEFAULT-VALUE}).")
  long deadlineMs;

  @Option(
      names = "--refresh-seconds",
      defaultValue = "30",
      paramLabel = "S",
      description =
          "How often thresholds are recomputed for the passing time (default: "
              + "${DEFAULT-VALUE}).")
  int refreshSeconds;

  @Option(
      names = "--warmup-rounds",
      defaultValue = "" + BarPathRehearsal.DEFAULT_ROUNDS,
      paramLabel = "N",
      description =
          "Bars of every asset rehearsed at start, so that the first real bars run compiled code"
              + " (default: ${DEFAULT-VALUE}; 0: none).")
  int warmupRounds;

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Live prices%n")
  LivePriceOptions live = new LivePriceOptions();

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Position book%n")
  PositionBookOptions book = new PositionBookOptions();

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Webhooks%n")
  WebhookOptions webhooks = new WebhookOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (warmupRounds < 0) {
      throw new UsageException("--warmup-rounds must be 0 or more");
    }
    Server server = start(out, options());
    rehearse(out, server, warmupRounds);
    printWhereToLook(out, server);
    block(server);
    return 0;
  }

  Server.Options options() throws IOException {
    ThresholdEngine.Clock c =
        switch (clock.toLowerCase(Locale.ROOT)) {
          case "wall" -> ThresholdEngine.Clock.WALL;
          case "data" -> ThresholdEngine.Clock.DATA;
          default -> throw new UsageException("--clock must be wall or data, was " + clock);
        };
    if (baseline != null
        && !Forecasters.BASELINES.contains(
            baseline.endsWith(ServingModel.PATHS_SUFFIX)
                ? baseline.substring(0, baseline.length() - ServingModel.PATHS_SUFFIX.length())
                : baseline)) {
      throw new UsageException(
          "--baseline must be one of "
              + String.join(", ", Forecasters.BASELINES)
              + ", or any of them +paths, was "
              + baseline);
    }
    if (refreshSeconds < 1) {
      throw new UsageException("--refresh-seconds must be at least 1");
    }
    ResolvedPolicy policy = policyFile.resolve();
    ThresholdEngine.Settings settings;
    Limits limits;
    try {
      settings =
          new ThresholdEngine.Settings(
              data.dir,
              models.dir,
              policy,
              baseline,
              c,
              historyDays,
              168,
              null,
              stress.level(),
              tracking.gamma());
      limits =
          new Limits(maxBodyBytes, maxPositions, 1_000, 20_000)
              .withBudgets(maxAnswerBytes, deadlineMs);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return new Server.Options(
        host,
        port,
        settings,
        limits,
        System.getenv("LIQOPT_TOKEN"),
        Duration.ofSeconds(refreshSeconds),
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        live == null ? null : live.options(),
        book == null ? null : book.options(),
        webhooks == null ? List.of() : webhooks.settings(System::getenv));
  }

  /** Starts the server, printing its progress. */
  static Server start(PrintWriter out, Server.Options options) throws IOException {
    return Server.start(
        options,
        InstantSource.system(),
        line -> {
          out.println("serve: " + line);
          out.flush();
        });
  }

  /** Rehearses {@code rounds} bars of every asset ({@link BarPathRehearsal}), printing the time. */
  static void rehearse(PrintWriter out, Server server, int rounds) {
    if (rounds > 0) {
      BarPathRehearsal.Result r = BarPathRehearsal.run(server.engine(), rounds);
      out.println(
          "serve: rehearsed "
              + r.rounds()
              + " bars of every asset in "
              + r.millis()
              + " ms (--warmup-rounds)");
      out.flush();
    }
  }

  /** Prints the URLs and curl examples that work against this server. */
  static void printWhereToLook(PrintWriter out, Server server) {
    String url = server.url();
    ExampleAsset example = ExampleAsset.of(server);
    String symbol = example.symbol();
    out.println();
    out.println("dashboard:    " + url + "/");
    out.println(
        "API:          "
            + url
            + "/openapi.json   health: "
            + url
            + "/health   metrics: "
            + url
            + "/metrics");
    out.println("try:");
    out.println("  curl -s " + url + "/v1/assets/" + symbol + "/thresholds");
    out.println(
        "  curl -s -X POST " + url + "/v1/positions/assess -H 'Content-Type: application/json' \\");
    out.println(
        "       -d '{\"position\":{\"id\":\"p1\",\"collateral\":[{\"symbol\":\""
            + symbol
            + "\",\"quantity\":1}],\"debtAsset\":\"USDT\",\"debtQuote\":"
            + String.format(Locale.ROOT, "%.0f", example.debtQuote())
            + "}}'");
    out.println(
        "  curl -s -X POST "
            + url
            + "/v1/thresholds -H 'Content-Type: application/json' "
            + "-d '{\"symbols\":[\""
            + symbol
            + "\"]}'");
    out.println(
        server.engine().settings().baseline() == null && System.getenv("LIQOPT_TOKEN") == null
            ? "ingest and reload are disabled (set LIQOPT_TOKEN to enable them)"
            : "");
    out.flush();
  }

  /** Serves until the JVM is asked to stop, then drains. */
  static void block(Server server) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "liqopt-shutdown"));
    stopped.await();
  }
}

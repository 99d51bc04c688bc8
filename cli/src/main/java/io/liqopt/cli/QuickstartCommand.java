package io.liqopt.cli;

import io.liqopt.backtest.BacktestJob;
import io.liqopt.backtest.Incentive;
import io.liqopt.backtest.Policies;
import io.liqopt.backtest.SimulationConfig;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.baseline.GarchForecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.LivePriceGuard;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.serving.Server;
import io.liqopt.serving.api.Limits;
import io.liqopt.serving.book.BookOptions;
import io.liqopt.serving.replay.MarketReplay;
import io.liqopt.serving.state.BarPathRehearsal;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.training.ml.MlForecaster;
import io.liqopt.training.ml.TrainJob;
import io.liqopt.training.walkforward.EvaluationJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liqopt quickstart}: the main job on the embedded default. Today: generate the synthetic
 * market into the Parquet store, summarise it, run the walk-forward evaluation of the baseline
 * forecasters on it, print the thresholds, train a bundle, backtest the last year and serve the
 * bundle.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description =
        "Run the whole pipeline on the embedded synthetic market (currently: generate it, store it"
            + " as Parquet, summarise it, evaluate the baseline forecasters walk-forward, print"
            + " today's thresholds, train the ML models into a bundle, backtest the last year"
            + " against static rules, serve the bundle over HTTP with a dashboard).")
final class QuickstartCommand implements Callable<Integer> {
  /**
   * What the quick start forecasts, the same for the thresholds, the bundle it trains, the
   * backtest's refitted models and the service.
   */
  private static final ForecastSpec SPEC = io.liqopt.training.Recipe.embedded().recipe().spec();

  @Mixin DataDirOption data;

  @Mixin SyntheticOptions synthetic;

  @Mixin LockTimeoutOption lock;

  @Mixin ReportsDirOption reports;

  @Mixin ModelsDirOption models;

  @Option(
      names = "--port",
      defaultValue = "7070",
      paramLabel = "PORT",
      description = "Port of the service started at the end (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-serve", description = "Stop after training instead of serving.")
  boolean noServe;

  @Option(
      names = "--check-serve",
      description =
          "Start the service, send the three printed "
              + "example requests, stop (exit 1 unless all answer 200): for CI.")
  boolean checkServe;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    EvaluateCommand.Loaded loaded = generate(out);
    EvaluationJob.Result eval = evaluate(out, loaded);
    printThresholds(out, loaded);
    TrainJob.Result trained = train(out, loaded);
    Path backtest = backtest(out, loaded);
    replay(out, loaded);
    printWhereToLook(out, eval, trained, backtest);
    out.println(
        "October 2025: ./bin/liqopt replay --data DIR --from 2025-10-09 --to 2025-10-13"
            + "   (on a store of ../shared/data)");
    out.println();
    if (noServe) {
      out.println(
          "serve it:     ./bin/liqopt serve --data "
              + data.dir
              + " --models "
              + models.dir
              + " --clock data");
      out.flush();
      return 0;
    }
    return serve(out, loaded);
  }

  /**
   * Step 1: generates the synthetic market into the store, summarises it and reads it back once, as
   * the other commands will read it, for the next steps.
   */
  private EvaluateCommand.Loaded generate(PrintWriter out) throws IOException {
    out.printf(
        "[1/7] generating a synthetic market: %d assets, %s years of hourly bars, seed %d%n",
        synthetic.symbols, synthetic.years, synthetic.seed);
    out.flush();
    List<BarSeries> market = DataGenerateCommand.generate(lock.store(data), synthetic);
    out.println();
    DataInfoCommand.print(out, market, true);
    out.println();
    return EvaluateCommand.load(data.store(), null, null);
  }

  /** Step 2: the walk-forward evaluation of the baseline forecasters. */
  private EvaluationJob.Result evaluate(PrintWriter out, EvaluateCommand.Loaded loaded)
      throws IOException {
    out.println("[2/7] walk-forward evaluation of the baseline forecasters");
    EvaluationJob.Result eval =
        EvaluateCommand.run(out, loaded, EvaluateCommand.Options.defaults(reports.dir));
    EvaluateCommand.printSummary(out, eval);
    out.println();
    return eval;
  }

  /** Step 3: today's thresholds from GARCH-t forecasts through the default policy. */
  private static void printThresholds(PrintWriter out, EvaluateCommand.Loaded loaded) {
    out.println(
        "[3/7] thresholds now: GARCH-t forecasts at the last bar through the default policy");
    ThresholdsCommand.print(
        out, loaded, new GarchForecaster(), ResolvedPolicy.defaultPolicy(), SPEC.stressLevel());
    out.println();
  }

  /** Step 4: the ML models trained into a bundle. */
  private TrainJob.Result train(PrintWriter out, EvaluateCommand.Loaded loaded) throws IOException {
    out.println("[4/7] training the ML models (XGBoost, DJL quantile network) into a bundle");
    out.flush();
    TrainJob.Result trained =
        TrainJob.run(
            loaded.series(),
            loaded.factor(),
            Long.MAX_VALUE,
            SPEC,
            MlForecaster.Options.defaults(),
            synthetic.seed,
            models.dir,
            io.liqopt.ml.BundleMetrics.NONE,
            java.time.Instant.now());
    out.printf(
        "trained in %.1f s: %s%n",
        trained.trainSeconds(), trained.bundle().toAbsolutePath().normalize());
    out.println();
    return trained;
  }

  /** Step 5: the backtest of the last year, every policy, two seeds; returns index.html. */
  private Path backtest(PrintWriter out, EvaluateCommand.Loaded loaded) throws IOException {
    out.println(
        "[5/7] backtest of the last year: the static-rule frontier against EWMA and ML "
            + "thresholds refitted walk-forward (2 seeds)");
    out.flush();
    long last = loaded.series().stream().mapToLong(BarSeries::lastOpenTimeMs).max().orElseThrow();
    return BacktestCommand.run(
        out,
        loaded,
        new BacktestJob.Options(
                List.of(BacktestCommand.ALL_POLICIES.split(",")),
                ResolvedPolicy.defaultPolicy(),
                last - 365L * 86_400_000L,
                Long.MAX_VALUE,
                List.of(synthetic.seed, synthetic.seed + 1),
                new Policies.WalkForward(180, 183, 24),
                SimulationConfig.defaults(),
                reports.dir,
                SPEC.stressLevel(),
                Incentive.defaultRule(SimulationConfig.defaults().liquidatorFixedCostQuote()),
                Incentive.defaultExperiment(SimulationConfig.defaults().liquidatorFixedCostQuote()),
                0.80)
            .withQuantileTracking(SPEC.quantileTrackingGamma()));
  }

  /**
   * Step 6: the last whole day replayed through the live engine with the trained bundle: a mock
   * exchange of three venues with faults, a synthetic book of 1 000 positions, at 3 600×.
   */
  private Path replay(PrintWriter out, EvaluateCommand.Loaded loaded)
      throws IOException, InterruptedException {
    out.println(
        "[6/7] the last day through the live engine: three mock venues with faults, 1 000"
            + " positions, an hour a second");
    long last = loaded.series().stream().mapToLong(BarSeries::lastOpenTimeMs).min().orElseThrow();
    long to = Math.floorDiv(last + MarketReplay.HOUR_MS, 86_400_000L) * 86_400_000L;
    return ReplayCommand.run(
        out,
        work ->
            new MarketReplay.Settings(
                data.dir,
                work,
                List.of(),
                to - 86_400_000L,
                to,
                serveOptions().settings(), // the replay sets its data folder and clock
                1_000,
                synthetic.seed,
                3_600,
                12,
                new LivePriceGuard.Settings(0.02, 2, 30 * 60_000L, 4, 0.25, 3_600_000),
                null),
        reports.dir,
        null);
  }

  /** Where the outputs are and the commands that go further. */
  private void printWhereToLook(
      PrintWriter out, EvaluationJob.Result eval, TrainJob.Result trained, Path backtest) {
    out.println();
    out.println(
        "market data:  "
            + data.store().root().toAbsolutePath().normalize()
            + "/1h/<SYMBOL>.parquet");
    out.println("inspect:      ./bin/liqopt data info --data " + data.dir);
    out.println(
        "real data:    ./bin/liqopt data import ../shared/data/*_1h.csv.gz   "
            + "(or: data download --symbol BTCUSDT --from 2024-01 --to 2024-12)");
    out.println("evaluation:   " + eval.index().toAbsolutePath().normalize());
    out.println("re-evaluate:  ./bin/liqopt evaluate --data " + data.dir + " --horizons 1,24");
    out.println(
        "thresholds:   ./bin/liqopt thresholds --data "
            + data.dir
            + " --model garch --policy config/policy.example.json");
    out.println("model bundle: " + trained.bundle().toAbsolutePath().normalize());
    out.println("verify it:    ./bin/liqopt models verify --models " + models.dir);
    out.println(
        "ML vs baselines: ./bin/liqopt evaluate --data " + data.dir + " --models baselines,ml");
    out.println("backtest:     " + backtest.toAbsolutePath().normalize());
    out.println(
        "on all data:  ./bin/liqopt backtest --data "
            + data.dir
            + "   (every policy, "
            + "3 seeds, walk-forward from 180 days)");
    out.println();
  }

  /**
   * Step 7: serves the bundle with live prices from a synthetic feed and a synthetic book (until
   * Ctrl-C, or through the three examples with --check-serve).
   */
  private int serve(PrintWriter out, EvaluateCommand.Loaded loaded)
      throws IOException, InterruptedException {
    out.println(
        "[7/7] serving the synthetic market (clock: the last bar's close, so the 2021-2023 "
            + "data is not stale), with live prices from a synthetic feed of three sources and a"
            + " book of 500 synthetic positions");
    out.flush();
    Path feed = QuickstartLive.writeFeed(data.dir, loaded.series(), synthetic.seed);
    Server server =
        ServeCommand.start(
            out, serveOptions().withLive(QuickstartLive.live(feed)).withBook(BookOptions.DEFAULTS));
    ServeCommand.rehearse(out, server, BarPathRehearsal.DEFAULT_ROUNDS);
    int liquidatable = QuickstartLive.fillBook(server, 500, synthetic.seed);
    out.println(
        "book:         500 synthetic positions ("
            + liquidatable
            + " liquidatable when written); GET /v1/book, /v1/liquidations, the dashboard's"
            + " panels");
    out.println("live prices:  " + feed + " (24 h of quotes, 3 sources), GET /v1/market/prices");
    ServeCommand.printWhereToLook(out, server);
    if (checkServe) {
      try (server) {
        return checkExamples(out, server) ? 0 : 1;
      }
    }
    out.println("serving until Ctrl-C");
    out.flush();
    ServeCommand.block(server);
    return 0;
  }

  private Server.Options serveOptions() {
    ThresholdEngine.Settings settings =
        new ThresholdEngine.Settings(
            data.dir,
            models.dir,
            ResolvedPolicy.defaultPolicy(),
            null,
            ThresholdEngine.Clock.DATA,
            120,
            168,
            null,
            // the bundle's adverse-move quantiles come from the source it chose per horizon
            SPEC.stressLevel(),
            SPEC.quantileTrackingGamma());
    return new Server.Options(
        "127.0.0.1",
        port,
        settings,
        Limits.defaults(),
        System.getenv("LIQOPT_TOKEN"),
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        Duration.ofSeconds(10));
  }

  /** Sends the three printed examples; true when all answer 200. */
  private static boolean checkExamples(PrintWriter out, Server server) {
    String symbol = server.engine().state().assets().keySet().iterator().next();
    double debt = server.engine().state().asset(symbol).orElseThrow().price() * 0.7;
    HttpClient client = HttpClient.newHttpClient();
    List<HttpRequest> requests =
        List.of(
            HttpRequest.newBuilder(
                    URI.create(server.url() + "/v1/assets/" + symbol + "/thresholds"))
                .build(),
            HttpRequest.newBuilder(URI.create(server.url() + "/v1/positions/assess"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"position\":{\"id\":\"p1\","
                            + "\"collateral\":[{\"symbol\":\""
                            + symbol
                            + "\",\"quantity\":1}],"
                            + "\"debtAsset\":\"USDT\",\"debtQuote\":"
                            + debt
                            + "}}"))
                .build(),
            HttpRequest.newBuilder(URI.create(server.url() + "/v1/thresholds"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"symbols\":[\"" + symbol + "\"]}"))
                .build());
    boolean ok = true;
    for (HttpRequest r : requests) {
      try {
        HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
        out.printf("check: %s %s -> %d%n", r.method(), r.uri().getPath(), resp.statusCode());
        ok &= resp.statusCode() == 200;
      } catch (java.io.IOException e) {
        out.printf("check: %s %s -> %s%n", r.method(), r.uri().getPath(), e);
        ok = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    out.flush();
    return ok;
  }
}

package io.liqopt.cli;

import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.ml.BundleStore;
import io.liqopt.serving.state.ServingModel;
import io.liqopt.store.MarketStore;
import io.liqopt.training.ThresholdsJob;
import io.liqopt.training.walkforward.Forecasters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liqopt thresholds}: fits one forecaster on all stored history (or loads a trained bundle,
 * {@code --models}), forecasts at the last bar of each asset and prints the policy's parameters
 * (the same core code the service will call).
 */
@Command(
    name = "thresholds",
    mixinStandardHelpOptions = true,
    description = {
      "Fit a forecaster on all stored hourly history (or load a trained bundle: --models),"
          + " forecast at each asset's last bar and print"
          + " the threshold policy's parameters: max LTV, liquidation threshold, bonus, the"
          + " adverse-move quantiles used, the stress probability and the binding constraints."
    })
final class ThresholdsCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Mixin SeriesSelection selection;

  @Option(
      names = "--model",
      defaultValue = "garch",
      paramLabel = "NAME",
      description =
          "Forecaster: hs, ewma, garch, har, har-cal, garch-cal or har-garch, or any of them +"
              + " \"+paths\" for adverse-move"
              + " quantiles from the path engine (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "Compute the thresholds from a trained bundle of DIR instead of fitting --model: its"
              + " variance, stress probability and the quantile source it chose per horizon (the"
              + " path engine's paths drawn from the stored bars).")
  Path models;

  @Option(
      names = "--bundle",
      defaultValue = BundleStore.LATEST,
      paramLabel = "ID",
      description = "With --models, the bundle to use (default: ${DEFAULT-VALUE}).")
  String bundle;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Risk configuration (JSON, see config/policy.example.json; default: built-in).")
  Path policy;

  @Mixin StressLevelOption stress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ResolvedPolicy resolved =
        (policy == null ? PolicyConfig.defaults() : PolicyConfig.load(policy)).resolve();
    if (models != null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--model")) {
        throw new UsageException("give --model (a forecaster to fit) or --models (a bundle)");
      }
      try (BundleForecaster b = new BundleForecaster(models, bundle)) {
        print(out, data.store(), selection.symbols, selection.market, b, resolved, stress.level());
      }
      return 0;
    }
    Forecaster forecaster;
    try {
      forecaster = Forecasters.named(List.of(model), 365).get(0);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    print(
        out,
        data.store(),
        selection.symbols,
        selection.market,
        forecaster,
        resolved,
        stress.level());
    return 0;
  }

  /**
   * A trained bundle as a forecaster: its "fit" verifies and loads the bundle, with the quantile
   * source it chose per horizon, the path engine's paths drawn from the training set's bars (as
   * {@code serve} draws them from the bars it holds).
   */
  static final class BundleForecaster implements Forecaster {
    private final BundleStore store;
    private final String id;
    private ServingModel loaded;

    /**
     * @throws IllegalArgumentException when LATEST names no bundle
     */
    BundleForecaster(Path modelsDir, String bundleId) throws IOException {
      this.store = new BundleStore(modelsDir);
      this.id =
          BundleStore.LATEST.equals(bundleId)
              ? store
                  .latestId()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "no model bundle in " + modelsDir + ": run 'liqopt train' first"))
              : bundleId;
    }

    @Override
    public String name() {
      return "bundle " + id;
    }

    @Override
    public ForecastModel fit(TrainingSet data) {
      List<BarSeries> series = new ArrayList<>();
      for (TrainingSet.Asset a : data.assets()) {
        series.add(a.history().series());
      }
      close();
      loaded = ServingModel.bundle(store, id, series);
      return loaded.model();
    }

    @Override
    public void close() {
      if (loaded != null) {
        loaded.close();
        loaded = null;
      }
    }
  }

  /** Fits, forecasts and prints the thresholds table; returns the thresholds. */
  static List<AssetThresholds> print(
      PrintWriter out,
      MarketStore store,
      List<String> symbols,
      String market,
      Forecaster forecaster,
      ResolvedPolicy policy,
      double stressLevel)
      throws IOException {
    return print(
        out, EvaluateCommand.load(store, symbols, market), forecaster, policy, stressLevel);
  }

  /** As above, on series already loaded. */
  static List<AssetThresholds> print(
      PrintWriter out,
      EvaluateCommand.Loaded loaded,
      Forecaster forecaster,
      ResolvedPolicy policy,
      double stressLevel) {
    out.printf(
        "fitting %s on %d assets (all history), forecasting at each asset's last bar%n",
        forecaster.name(), loaded.series().size());
    out.flush();
    ThresholdsJob.Result job =
        ThresholdsJob.run(loaded.series(), loaded.factor(), forecaster, policy, stressLevel);
    List<AssetThresholds> result = new ArrayList<>();
    out.printf(
        "%n%-12s %-17s %12s %7s %9s %7s %7s %7s %7s  %s%n",
        "symbol",
        "as of (UTC close)",
        "price",
        "vol 24h",
        "X_a(Hliq)",
        "LT",
        "maxLTV",
        "bonus",
        "P(str)",
        "binding");
    for (ThresholdsJob.AssetResult a : job.assets()) {
      switch (a.status()) {
        case NO_FORECAST ->
            out.printf(
                "%-12s no forecast: %s could not be fitted or its inputs are undefined%n",
                a.symbol(), forecaster.name());
        case NO_MARKET ->
            out.printf("%-12s no thresholds: nothing traded in the last 24 h%n", a.symbol());
        case REFUSED -> throw new IllegalArgumentException(a.detail());
        case OK -> {
          result.add(a.thresholds());
          printRow(out, a);
        }
      }
    }
    out.printf(
        "%nmodel %s; LT = (1 - X_a(H_liq))(1 - s)/(1 + b), max LTV = LT (1 - X_b(H_user)); "
            + "targets before the anti-procyclicality governor (it needs a history of steps)%n",
        job.modelVersion());
    out.flush();
    return result;
  }

  /** One asset's row of the table. */
  private static void printRow(PrintWriter out, ThresholdsJob.AssetResult a) {
    AssetThresholds t = a.thresholds();
    out.printf(
        Locale.ROOT,
        "%-12s %-17s %12.4f %6.2f%% %8.2f%% %6.2f%% %6.2f%% %6.2f%% %6.2f%%  %s%n",
        a.symbol(),
        Instant.ofEpochMilli(a.closeTimeMs()).toString().substring(0, 16),
        a.close(),
        100 * t.dailyVolatility(),
        100 * t.quantileThreshold(),
        100 * t.lt(),
        100 * t.ltv(),
        100 * t.bonus(),
        100 * t.stressProbability(),
        a.binding().isEmpty()
            ? "-"
            : String.join(",", a.binding().stream().map(Enum::name).toList()));
  }
}

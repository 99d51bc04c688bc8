package io.liqopt.cli;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.policy.Reason;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.ThresholdPipeline;
import io.liqopt.store.MarketStore;
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
 * {@code liqopt thresholds}: fits one forecaster on all stored history, forecasts at the last bar
 * of each asset and prints the policy's parameters (the same core code the service will call).
 */
@Command(
    name = "thresholds",
    mixinStandardHelpOptions = true,
    description = {
      "Fit a forecaster on all stored hourly history, forecast at each asset's last bar and print"
          + " the threshold policy's parameters: max LTV, liquidation threshold, bonus, the"
          + " adverse-move quantiles used, the stress probability and the binding constraints."
    })
final class ThresholdsCommand implements Callable<Integer> {
  private static final long HOUR_MS = 3_600_000L;

  @Mixin DataDirOption data;

  @Mixin SeriesSelection selection;

  @Option(
      names = "--model",
      defaultValue = "garch",
      paramLabel = "NAME",
      description =
          "Forecaster: hs, ewma, garch or har, or any of them + \"+paths\" for adverse-move"
              + " quantiles from the path engine (default: ${DEFAULT-VALUE}).")
  String model;

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
    ForecastSpec fs = ForecastSpec.of(policy.horizonsHours(), stressLevel);
    BarSeries factor = loaded.factor();
    List<AssetHistory> histories = new ArrayList<>();
    long end = Long.MIN_VALUE;
    for (BarSeries s : loaded.series()) {
      histories.add(AssetHistory.of(s, factor));
      end = Math.max(end, s.lastOpenTimeMs());
    }
    out.printf(
        "fitting %s on %d assets (all history), forecasting at each asset's last bar%n",
        forecaster.name(), histories.size());
    out.flush();
    ForecastModel fitted = forecaster.fit(TrainingSet.before(histories, end + 1, fs, 42));
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
    for (AssetHistory h : histories) {
      int row = h.size() - 1;
      if (!fitted.canForecast(h, row)) {
        out.printf(
            "%-12s no forecast: %s could not be fitted or its inputs are undefined%n",
            h.symbol(), forecaster.name());
        continue;
      }
      AssetForecast f = fitted.forecast(h, row);
      long closeMs = h.series().openTimeMs(row) + h.series().interval().millis();
      ThresholdPipeline.Outcome o =
          ThresholdPipeline.DEFAULT.target(f, h, row, policy.forSymbol(h.symbol()));
      if (o.refusal() == ThresholdPipeline.Refusal.NO_MARKET) {
        out.printf("%-12s no thresholds: nothing traded in the last 24 h%n", h.symbol());
        continue;
      }
      if (o.refused()) {
        throw new IllegalArgumentException(o.detail());
      }
      AssetThresholds t = o.target();
      result.add(t);
      List<String> binding = new ArrayList<>();
      for (Reason r : t.reasons()) {
        switch (r.code()) {
          case BONUS_CLAMPED_MIN, BONUS_CLAMPED_MAX, STALE_CONSERVATIVE, DAILY_VOLATILITY_SCALED ->
              binding.add(r.code().name());
          default -> {}
        }
      }
      out.printf(
          Locale.ROOT,
          "%-12s %-17s %12.4f %6.2f%% %8.2f%% %6.2f%% %6.2f%% %6.2f%% %6.2f%%  %s%n",
          h.symbol(),
          Instant.ofEpochMilli(closeMs).toString().substring(0, 16),
          h.series().close(row),
          100 * t.dailyVolatility(),
          100 * t.quantileThreshold(),
          100 * t.lt(),
          100 * t.ltv(),
          100 * t.bonus(),
          100 * t.stressProbability(),
          binding.isEmpty() ? "-" : String.join(",", binding));
    }
    out.printf(
        "%nmodel %s; LT = (1 - X_a(H_liq))(1 - s)/(1 + b), max LTV = LT (1 - X_b(H_user)); "
            + "targets before the anti-procyclicality governor (it needs a history of steps)%n",
        fitted.modelVersion());
    out.flush();
    return result;
  }
}

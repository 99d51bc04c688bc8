package io.liqopt.cli;

import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import io.liqopt.core.forecast.baseline.GarchForecaster;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.training.ml.MlForecaster;
import io.liqopt.training.ml.TrainJob;
import io.liqopt.training.walkforward.EvaluationJob;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code liqopt quickstart}: the main job on the embedded default. Today: generate the synthetic
 * market into the Parquet store, summarise it, and run the walk-forward evaluation of the baseline
 * forecasters on it. Training, backtest and serving join as their issues land.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on the embedded synthetic market "
        + "(currently: generate it, store it as Parquet, summarise it, evaluate the baseline "
        + "forecasters walk-forward, print today's thresholds, train the ML models into a bundle).")
final class QuickstartCommand implements Callable<Integer> {
  @Mixin
  DataDirOption data;

  @Mixin
  SyntheticOptions synthetic;

  @Mixin
  ReportsDirOption reports;

  @Mixin
  ModelsDirOption models;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("[1/4] generating a synthetic market: %d assets, %s years of hourly bars, seed %d%n",
        synthetic.symbols, synthetic.years, synthetic.seed);
    out.flush();
    List<BarSeries> market = DataGenerateCommand.generate(data, synthetic);
    out.println();
    DataInfoCommand.print(out, market, true);
    out.println();
    // read back from the store once, as the other commands will read it, for the three steps
    EvaluateCommand.Loaded loaded = EvaluateCommand.load(data.store(), null, null);
    out.println("[2/4] walk-forward evaluation of the baseline forecasters");
    EvaluationJob.Result eval = EvaluateCommand.run(out, loaded,
        EvaluateCommand.Options.defaults(reports.dir));
    EvaluateCommand.printSummary(out, eval);
    out.println();
    out.println("[3/4] thresholds now: GARCH-t forecasts at the last bar through the default policy");
    ThresholdsCommand.print(out, loaded, new GarchForecaster(), ResolvedPolicy.defaultPolicy(),
        0.10);
    out.println();
    out.println("[4/4] training the ML models (XGBoost, DJL quantile network) into a bundle");
    out.flush();
    TrainJob.Result trained = TrainJob.run(loaded.series(), loaded.factor(), Long.MAX_VALUE,
        ForecastSpec.defaults(), MlForecaster.Options.defaults(), synthetic.seed, models.dir,
        java.util.Map.of(), java.time.Instant.now());
    out.printf("trained in %.1f s: %s%n", trained.trainSeconds(),
        trained.bundle().toAbsolutePath().normalize());
    out.println();
    out.println("market data:  " + data.store().root().toAbsolutePath().normalize()
        + "/1h/<SYMBOL>.parquet");
    out.println("inspect:      ./bin/liqopt data info --data " + data.dir);
    out.println("real data:    ./bin/liqopt data import ../shared/data/*_1h.csv.gz   "
        + "(or: data download --symbol BTCUSDT --from 2024-01 --to 2024-12)");
    out.println("evaluation:   " + eval.index().toAbsolutePath().normalize());
    out.println("re-evaluate:  ./bin/liqopt evaluate --data " + data.dir + " --horizons 1,24");
    out.println("thresholds:   ./bin/liqopt thresholds --data " + data.dir
        + " --model garch --policy config/policy.example.json");
    out.println("model bundle: " + trained.bundle().toAbsolutePath().normalize());
    out.println("verify it:    ./bin/liqopt models verify --models " + models.dir);
    out.println("ML vs baselines: ./bin/liqopt evaluate --data " + data.dir + " --models baselines,ml");
    out.println("not yet:      backtest and serve arrive with their issues");
    out.flush();
    return 0;
  }
}

package io.liqopt.cli;

import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code liqopt quickstart}: the main job on the embedded default. Today: generate the synthetic
 * market into the Parquet store and summarise it. Training, evaluation, backtest and serving join
 * as their issues land.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on the embedded synthetic market "
        + "(currently: generate it, store it as Parquet, summarise it).")
final class QuickstartCommand implements Callable<Integer> {
  @Mixin
  DataDirOption data;

  @Mixin
  SyntheticOptions synthetic;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("[1/1] generating a synthetic market: %d assets, %s years of hourly bars, seed %d%n",
        synthetic.symbols, synthetic.years, synthetic.seed);
    out.flush();
    List<BarSeries> market = DataGenerateCommand.generate(data, synthetic);
    out.println();
    DataInfoCommand.print(out, market, true);
    out.println();
    out.println("market data:  " + data.store().root().toAbsolutePath().normalize()
        + "/1h/<SYMBOL>.parquet");
    out.println("inspect:      ./bin/liqopt data info --data " + data.dir);
    out.println("real data:    ./bin/liqopt data import ../shared/data/*_1h.csv.gz   "
        + "(or: data download --symbol BTCUSDT --from 2024-01 --to 2024-12)");
    out.println("not yet:      train, evaluate, backtest and serve arrive with their issues");
    out.flush();
    return 0;
  }
}

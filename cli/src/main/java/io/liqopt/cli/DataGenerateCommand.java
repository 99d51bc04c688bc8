package io.liqopt.cli;

import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.synthetic.SyntheticMarketConfig;
import io.liqopt.core.market.synthetic.SyntheticMarketGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liqopt data generate}: the embedded synthetic market. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a seeded synthetic multi-asset hourly market into the store "
        + "(regime-switching GARCH, Student-t shocks, jumps, common market factor).")
final class DataGenerateCommand implements Callable<Integer> {
  @Mixin
  DataDirOption data;

  @Option(names = "--symbols", paramLabel = "N", defaultValue = "4",
      description = "Number of assets, 1..8 (default: ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--years", paramLabel = "Y", defaultValue = "3",
      description = "Length of history in years from 2021-01-01 (default: ${DEFAULT-VALUE}).")
  double years;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "Random seed; the same seed gives byte-identical files (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<BarSeries> market = generate(data, symbols, years, seed);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("generated %d synthetic series (seed %d) in %s%n", market.size(), seed,
        data.store().root().toAbsolutePath().normalize());
    return 0;
  }

  /** Generates and stores the market; shared with {@code quickstart}. */
  static List<BarSeries> generate(DataDirOption data, int symbols, double years, long seed)
      throws IOException {
    SyntheticMarketConfig cfg;
    try {
      cfg = SyntheticMarketConfig.defaults(symbols, years, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<BarSeries> market;
    try (Progress p = Progress.start("generate", cfg.hours())) {
      market = SyntheticMarketGenerator.DEFAULT.generate(cfg, p::stepTo);
    }
    String source = "synthetic:seed=" + seed + ",years=" + years + ",symbols=" + symbols;
    for (BarSeries s : market) {
      data.store().write(s, source);
    }
    return market;
  }
}

package io.liqopt.cli;

import io.liqopt.core.market.BarSeries;
import io.liqopt.store.MarketStore;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code liqopt data generate}: the embedded synthetic market. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write a seeded synthetic multi-asset hourly market into the store "
            + "(regime-switching GARCH, Student-t shocks, jumps, common market factor).")
final class DataGenerateCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Mixin SyntheticOptions synthetic;

  @Mixin LockTimeoutOption lock;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    MarketStore store = lock.store(data);
    List<BarSeries> market = generate(store, synthetic);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "generated %d synthetic series (seed %d) in %s%n",
        market.size(), synthetic.seed, store.root().toAbsolutePath().normalize());
    return 0;
  }

  /**
   * Generates the market and writes it into {@code store}, every series under one hold of the
   * store's lock (taken once the market is generated); shared with {@code quickstart}.
   */
  static List<BarSeries> generate(MarketStore store, SyntheticOptions opts) throws IOException {
    SyntheticMarketConfig cfg;
    try {
      cfg = SyntheticMarketConfig.defaults(opts.symbols, opts.years, opts.seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<BarSeries> market;
    try (Progress p = Progress.start("generate", cfg.hours())) {
      market = SyntheticMarketGenerator.DEFAULT.generate(cfg, p::stepTo);
    }
    String source =
        "synthetic:seed=" + opts.seed + ",years=" + opts.years + ",symbols=" + opts.symbols;
    return store.locked(
        () -> {
          for (BarSeries s : market) {
            store.write(s, source);
          }
          return market;
        });
  }
}

package io.liqopt.cli;

import io.liqopt.core.market.BarInterval;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code liqopt data generate}: the embedded synthetic market. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write a seeded synthetic multi-asset market (hourly, or minute bars) into the store "
            + "(regime-switching GARCH, Student-t shocks, jumps, common market factor).")
final class DataGenerateCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Mixin SyntheticOptions synthetic;

  @Option(
      names = "--interval",
      paramLabel = "I",
      converter = IntervalConverter.class,
      description =
          "Bar interval: 1h (default) or one that divides an hour, such as 1m (cut from the "
              + "hourly process's intrabar path, two steps per bar; a different market from the "
              + "hourly one of the same seed).")
  BarInterval interval = BarInterval.H1;

  @Mixin LockTimeoutOption lock;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    MarketStore store = lock.store(data);
    List<BarSeries> market = generate(store, synthetic, interval);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "generated %d synthetic series (seed %d) in %s%n",
        market.size(), synthetic.seed, store.root().toAbsolutePath().normalize());
    return 0;
  }

  /** The most bars one run generates: the market is built in memory before it is written. */
  static final long MAX_BARS = 50_000_000L;

  /**
   * Generates the market and writes it into {@code store}, every series under one hold of the
   * store's lock (taken once the market is generated); shared with {@code quickstart}.
   */
  static List<BarSeries> generate(MarketStore store, SyntheticOptions opts) throws IOException {
    return generate(store, opts, BarInterval.H1);
  }

  private static List<BarSeries> generate(
      MarketStore store, SyntheticOptions opts, BarInterval interval) throws IOException {
    SyntheticMarketConfig cfg;
    try {
      cfg = SyntheticMarketConfig.defaults(opts.symbols, opts.years, opts.seed);
      long hour = BarInterval.H1.millis();
      if (interval != BarInterval.H1) {
        if (interval.millis() > hour || hour % interval.millis() != 0) {
          throw new IllegalArgumentException(
              "--interval: 1h or an interval that divides an hour, not " + interval);
        }
        cfg = cfg.withIntrabarSteps((int) (2 * hour / interval.millis()));
      }
      long bars = (long) cfg.assets().size() * cfg.hours() * (hour / interval.millis());
      if (bars > MAX_BARS) {
        throw new IllegalArgumentException(
            "--symbols x --years x bars per hour makes "
                + bars
                + " bars, over the "
                + MAX_BARS
                + " one run holds in memory; generate fewer assets or years");
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<BarSeries> market;
    try (Progress p = Progress.start("generate", cfg.hours())) {
      market = SyntheticMarketGenerator.DEFAULT.generate(cfg, interval, p::stepTo);
    }
    String source =
        "synthetic:seed="
            + opts.seed
            + ",years="
            + opts.years
            + ",symbols="
            + opts.symbols
            + (interval == BarInterval.H1 ? "" : ",interval=" + interval);
    return store.locked(
        () -> {
          for (BarSeries s : market) {
            store.write(s, source);
          }
          return market;
        });
  }
}

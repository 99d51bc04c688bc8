package io.liqopt.cli;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.SeriesSummary;
import io.liqopt.core.market.StylisedFacts;
import io.liqopt.store.StoredSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code liqopt data info}: what the store holds. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Per stored series: interval, first/last bar, rows, gaps (count, largest), "
            + "annualised volatility, maximum drawdown.")
final class DataInfoCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Mixin DataDirOption data;

  @Parameters(
      paramLabel = "SYMBOL",
      arity = "0..*",
      description = "Symbols to show (default: all).")
  List<String> symbols = new ArrayList<>();

  @Option(
      names = "--interval",
      paramLabel = "I",
      converter = IntervalConverter.class,
      description = "Only this interval (e.g. 1h).")
  BarInterval interval;

  @Option(
      names = "--facts",
      description =
          "Also print the stylised facts of hourly returns (kurtosis, autocorrelations, crash"
              + " frequencies) used to calibrate the synthetic market.")
  boolean facts;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<BarSeries> shown = StoredSeries.select(data.store(), symbols, interval);
    print(spec.commandLine().getOut(), shown, facts);
    return 0;
  }

  /** Prints the summary table (and optionally the facts table); shared with quickstart. */
  static void print(PrintWriter out, List<BarSeries> series, boolean facts) {
    out.printf(
        "%-12s %-4s %-16s %-16s %8s %12s %-28s %8s %8s%n",
        "symbol",
        "int",
        "first bar (UTC)",
        "last bar (UTC)",
        "rows",
        "gaps(miss)",
        "largest gap (after, bars)",
        "ann.vol",
        "max.DD");
    for (BarSeries s : series) {
      SeriesSummary m = SeriesSummary.of(s);
      String largest =
          m.largestGap() == null
              ? "-"
              : TIME.format(Instant.ofEpochMilli(m.largestGap().afterOpenTimeMs()))
                  + ", "
                  + m.largestGap().missingBars();
      out.printf(
          "%-12s %-4s %-16s %-16s %8d %12s %-28s %7.1f%% %7.1f%%%n",
          m.symbol(),
          m.interval(),
          TIME.format(Instant.ofEpochMilli(m.firstOpenTimeMs())),
          TIME.format(Instant.ofEpochMilli(m.lastOpenTimeMs())),
          m.rows(),
          m.gapCount() + "(" + m.missingBars() + ")",
          largest,
          100 * m.annualizedVol(),
          100 * m.maxDrawdown());
    }
    if (facts) {
      out.println();
      out.printf(
          "%-12s %8s %9s %9s %10s %11s %9s %9s%n",
          "symbol",
          "kurt",
          "acf(r,1)",
          "acf|r|,1",
          "acf|r|,24",
          "acf|r|,168",
          "P(d<-10%)",
          "P(MAE>10%)");
      for (BarSeries s : series) {
        if (s.size() < 400) {
          out.printf("%-12s (fewer than 400 bars)%n", s.symbol());
          continue;
        }
        StylisedFacts f = StylisedFacts.of(s);
        out.printf(
            "%-12s %8.1f %9.3f %9.3f %10.3f %11.3f %9.4f %9.4f%n",
            s.symbol(),
            f.kurtosis(),
            f.acfReturnLag1(),
            f.acfAbsReturnLag1(),
            f.acfAbsReturnLag24(),
            f.acfAbsReturnLag168(),
            f.dailyDropOver10Pct(),
            f.maeOver10Pct());
      }
    }
    out.flush();
  }
}

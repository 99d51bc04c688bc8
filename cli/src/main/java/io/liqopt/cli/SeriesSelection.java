package io.liqopt.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --symbols} and {@code --market}: which stored hourly series a modelling command uses. */
final class SeriesSelection {
  @Option(
      names = "--symbols",
      split = ",",
      paramLabel = "SYM[,SYM...]",
      description = "Symbols (default: every hourly series in the store).")
  List<String> symbols;

  @Option(
      names = "--market",
      paramLabel = "SYMBOL",
      description =
          "Market-factor symbol for the cross-asset features (default: the first symbol "
              + "containing BTC, else the first symbol).")
  String market;
}

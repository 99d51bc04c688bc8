package io.liqopt.store;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stored series a modelling job works on, hourly unless a job asks for another interval ({@link
 * #load(MarketStore, List, String, BarInterval)}), and the market-factor series of their
 * cross-asset features (one of them, or another stored series of the same interval). Immutable.
 *
 * @param names the symbols, in the order asked for (or the store's order)
 * @param series the series of {@code names}, in the same order
 * @param factor the market-factor series
 */
public record HourlyMarket(List<String> names, List<BarSeries> series, BarSeries factor) {

  public HourlyMarket {
    names = List.copyOf(names);
    series = List.copyOf(series);
    Objects.requireNonNull(factor, "factor");
  }

  /**
   * Reads the hourly series named (all of the store's when none are), plus the market-factor
   * series: {@code market}, else the first symbol containing BTC, else the first.
   *
   * @throws IllegalArgumentException when the store holds no hourly series, or none of a symbol
   */
  public static HourlyMarket load(MarketStore store, List<String> symbols, String market)
      throws IOException {
    return load(store, symbols, market, BarInterval.H1);
  }

  /** As {@link #load(MarketStore, List, String)}, the series of {@code interval}. */
  public static HourlyMarket load(
      MarketStore store, List<String> symbols, String market, BarInterval interval)
      throws IOException {
    String kind = interval == BarInterval.H1 ? "hourly" : interval.label();
    List<String> names = new ArrayList<>();
    if (symbols == null || symbols.isEmpty()) {
      for (MarketStore.Entry e : store.list()) {
        if (e.interval() == interval) {
          names.add(e.symbol());
        }
      }
      if (names.isEmpty()) {
        throw new IllegalArgumentException(
            "no "
                + kind
                + " series in "
                + store.root()
                + "; run 'liqopt data generate' or 'liqopt data import' first");
      }
    } else {
      names.addAll(symbols);
    }
    List<BarSeries> series = new ArrayList<>();
    for (String s : names) {
      if (!store.contains(MarketStore.checkSymbol(s), interval)) {
        throw new IllegalArgumentException(
            "no " + kind + " series of " + s + " in " + store.root());
      }
      series.add(store.read(s, interval));
    }
    String factorName = factorName(market, names);
    BarSeries factor =
        series.stream().filter(s -> s.symbol().equals(factorName)).findFirst().orElse(null);
    if (factor == null) {
      if (!store.contains(MarketStore.checkSymbol(factorName), interval)) {
        throw new IllegalArgumentException(
            "no " + kind + " series of the market factor " + factorName + " in " + store.root());
      }
      factor = store.read(factorName, interval);
    }
    return new HourlyMarket(names, series, factor);
  }

  /** The interval of the series (that of the factor when there are none). */
  public BarInterval interval() {
    return factor.interval();
  }

  /**
   * The market factor's symbol: {@code configured}, else the first of {@code symbols} containing
   * BTC, else the first of them (the one rule of {@code evaluate}, {@code train}, {@code backtest}
   * and {@code serve}).
   */
  public static String factorName(String configured, java.util.Collection<String> symbols) {
    if (configured != null) {
      return configured;
    }
    return symbols.stream()
        .filter(s -> s.contains("BTC"))
        .findFirst()
        .orElse(symbols.iterator().next());
  }
}

package io.liqopt.store;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Selects stored series by symbol and interval ({@code liqopt data info}). Stateless. */
public final class StoredSeries {
  private StoredSeries() {}

  /**
   * Reads the stored series of {@code symbols} (every symbol when empty) at {@code interval} (every
   * interval when null), in the store's order.
   *
   * @throws IllegalStateException when the store is empty
   * @throws IllegalArgumentException when a symbol asked for has no series at the interval
   */
  public static List<BarSeries> select(
      MarketStore store, List<String> symbols, BarInterval interval) throws IOException {
    List<MarketStore.Entry> entries = store.list();
    if (entries.isEmpty()) {
      throw new IllegalStateException(
          "no market data in "
              + store.root()
              + "; run 'liqopt data generate' or 'liqopt data import FILE'");
    }
    Set<String> wanted = new LinkedHashSet<>(symbols);
    List<BarSeries> shown = new ArrayList<>();
    for (MarketStore.Entry e : entries) {
      if ((wanted.isEmpty() || wanted.contains(e.symbol()))
          && (interval == null || interval == e.interval())) {
        shown.add(store.read(e.symbol(), e.interval()));
      }
    }
    for (String w : wanted) {
      if (shown.stream().noneMatch(s -> s.symbol().equals(w))) {
        throw new IllegalArgumentException(
            "no data for "
                + w
                + (interval == null ? "" : " " + interval)
                + " (stored: "
                + entries.stream().map(MarketStore.Entry::symbol).distinct().toList()
                + ")");
      }
    }
    return shown;
  }
}

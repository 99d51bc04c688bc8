package io.liqopt.serving.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the thresholds requests: the {@code hours} of {@code GET /v1/assets/{symbol}/history} and
 * the symbols and caller-supplied bars of {@code POST /v1/thresholds} (the bars themselves are
 * checked one series at a time by {@link BarRequests#series}, when their asset's turn comes).
 */
final class ThresholdRequests {
  /** The history's default and longest window, hours. */
  static final int DEFAULT_HISTORY_HOURS = 168;

  static final int MAX_HISTORY_HOURS = 2160;

  private ThresholdRequests() {}

  /**
   * A checked {@code POST /v1/thresholds}.
   *
   * @param symbols the assets wanted, each once, in the order asked (the listed symbols first, then
   *     those with bars)
   * @param bars the caller's bars by symbol, for assets the service does not hold
   */
  record Batch(List<String> symbols, Map<String, List<Requests.BarIn>> bars) {
    Batch {
      symbols = List.copyOf(symbols);
      bars = Collections.unmodifiableMap(new LinkedHashMap<>(bars));
    }
  }

  /** The {@code hours} query parameter: 1..2160, 168 when absent. */
  static int historyHours(String h) {
    if (h == null) {
      return DEFAULT_HISTORY_HOURS;
    }
    int hours;
    try {
      hours = Integer.parseInt(h);
    } catch (NumberFormatException e) {
      throw ApiException.invalid("hours", "must be an integer, was '" + h + "'");
    }
    if (hours < 1 || hours > MAX_HISTORY_HOURS) {
      throw ApiException.invalid("hours", "must be in 1..2160, was " + hours);
    }
    return hours;
  }

  /**
   * Checks a thresholds request: its symbols, that held assets get no bars, the bar counts, and
   * that every asset wanted is held or has bars.
   *
   * @param held the symbols the service holds
   * @throws ApiException 400 on invalid fields, 413 over the limits, 404 on unknown symbols
   */
  static Batch batch(Requests.ThresholdsRequest r, Set<String> held, Limits limits) {
    Fields f = new Fields();
    Set<String> wanted = new LinkedHashSet<>();
    if (r.symbols() == null && r.bars() == null) {
      f.add("symbols", "missing");
    }
    if (r.symbols() != null) {
      if (r.symbols().size() > limits.maxSymbols()) {
        throw ApiException.tooLarge(
            "symbols has "
                + r.symbols().size()
                + " items, over the limit of "
                + limits.maxSymbols());
      }
      for (int i = 0; i < r.symbols().size(); i++) {
        String sym = f.symbol(r.symbols().get(i), "symbols[" + i + "]");
        if (sym != null) {
          wanted.add(sym);
        }
      }
    }
    Map<String, List<Requests.BarIn>> bars = r.bars() == null ? Map.of() : r.bars();
    int totalBars = 0;
    for (Map.Entry<String, List<Requests.BarIn>> e : bars.entrySet()) {
      String sym = f.symbol(e.getKey(), "bars." + e.getKey());
      if (sym == null) {
        continue;
      }
      if (held.contains(sym)) {
        f.add(
            "bars." + sym,
            "the service holds "
                + sym
                + "; its bars come from "
                + "POST /v1/market/bars, not from a thresholds request");
      }
      totalBars += f.list(e.getValue(), "bars." + sym, limits.maxBars()).size();
      wanted.add(sym);
    }
    if (totalBars > limits.maxBars()) {
      throw ApiException.tooLarge(
          totalBars + " bars in one request, over the limit of " + limits.maxBars());
    }
    f.check();
    List<String> unknown = new ArrayList<>();
    for (String sym : wanted) {
      if (!held.contains(sym) && !bars.containsKey(sym)) {
        unknown.add(sym);
      }
    }
    if (!unknown.isEmpty()) {
      throw ApiException.unknownSymbols(unknown);
    }
    return new Batch(new ArrayList<>(wanted), bars);
  }
}

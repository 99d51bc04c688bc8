package io.liqopt.serving.api;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarRejectedException;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import io.liqopt.core.market.EpochTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the bars a client writes ({@code POST /v1/market/bars}, and the caller-supplied bars of
 * {@code POST /v1/thresholds}) field by field, and builds the series core works on: the bars' own
 * checks live here so that the ingest and thresholds routes refuse the same bars the same way.
 */
final class BarRequests {
  private BarRequests() {}

  /**
   * Checks bars field by field and builds the series; the bars must be in strictly increasing open
   * time (out-of-order and duplicate bars are 409 conflicts, listed all at once).
   *
   * @param nowMs wall-clock now: a bar must have closed by then (plus 5 s of clock skew)
   */
  static BarSeries series(String symbol, List<Requests.BarIn> bars, String field, long nowMs) {
    Fields f = new Fields();
    List<Problem.BarConflict> conflicts = new ArrayList<>();
    long interval = BarInterval.H1.millis();
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < bars.size(); i++) {
      Requests.BarIn b = bars.get(i);
      String p = field + "[" + i + "]";
      if (b == null) {
        f.add(p, "missing");
        continue;
      }
      Long t = f.required(b.openTimeMs(), p + ".openTimeMs");
      if (t != null) {
        if (!EpochTime.plausibleMillis(t)) {
          f.add(p + ".openTimeMs", "must be epoch milliseconds in 1990..2200, was " + t);
        } else if (t % interval != 0) {
          f.add(p + ".openTimeMs", "must be on the hour, was " + Instant.ofEpochMilli(t));
        } else if (t + interval > nowMs + 5_000) {
          f.add(
              p + ".openTimeMs",
              "the bar opening at " + Instant.ofEpochMilli(t) + " has not closed yet");
        } else {
          if (t == previous) {
            conflicts.add(
                new Problem.BarConflict(
                    symbol,
                    i,
                    t,
                    "duplicate",
                    "repeats the bar before it in the request (" + Instant.ofEpochMilli(t) + ")"));
          } else if (t < previous) {
            conflicts.add(
                new Problem.BarConflict(
                    symbol,
                    i,
                    t,
                    "out-of-order",
                    "opens at "
                        + Instant.ofEpochMilli(t)
                        + ", before the bar before it ("
                        + Instant.ofEpochMilli(previous)
                        + ")"));
          }
          previous = Math.max(previous, t);
        }
      }
      f.number(b.open(), p + ".open", 0, Requests.MAX_PRICE);
      f.number(b.high(), p + ".high", 0, Requests.MAX_PRICE);
      f.number(b.low(), p + ".low", 0, Requests.MAX_PRICE);
      f.number(b.close(), p + ".close", 0, Requests.MAX_PRICE);
      f.nonNegative(b.volume(), p + ".volume", Requests.MAX_AMOUNT);
      if (b.quoteVolume() != null) {
        f.nonNegative(b.quoteVolume(), p + ".quoteVolume", Requests.MAX_AMOUNT);
      }
    }
    f.check();
    if (!conflicts.isEmpty()) {
      throw ApiException.barConflicts(conflicts);
    }
    BarSeriesBuilder builder = new BarSeriesBuilder(symbol, BarInterval.H1, bars.size());
    for (int i = 0; i < bars.size(); i++) {
      Requests.BarIn b = bars.get(i);
      try {
        builder.append(
            b.openTimeMs(),
            b.open(),
            b.high(),
            b.low(),
            b.close(),
            b.volume(),
            b.quoteVolume() == null ? Double.NaN : b.quoteVolume());
      } catch (BarRejectedException e) {
        f.add(field + "[" + i + "]", e.getMessage());
      }
    }
    f.check();
    return builder.build();
  }

  /** Checks an ingest request; returns one series per entry. */
  static List<BarSeries> ingest(Requests.IngestRequest r, int maxBars, long nowMs) {
    Fields f = new Fields();
    List<Requests.SeriesIn> series = f.list(r.series(), "series", 1000);
    f.check();
    int total = 0;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < series.size(); i++) {
      Requests.SeriesIn s = series.get(i);
      String p = "series[" + i + "]";
      if (s == null) {
        f.add(p, "missing");
        continue;
      }
      String symbol = f.symbol(s.symbol(), p + ".symbol");
      if (symbol != null && seen.contains(symbol)) {
        f.add(p + ".symbol", symbol + " appears twice; put all its bars in one entry");
      }
      seen.add(symbol);
      if (s.interval() != null && !s.interval().equals("1h")) {
        f.add(p + ".interval", "only 1h bars are served, was '" + s.interval() + "'");
      }
      total += f.list(s.bars(), p + ".bars", maxBars).size();
    }
    if (total > maxBars) {
      throw ApiException.tooLarge(total + " bars in one request, over the limit of " + maxBars);
    }
    f.check();
    List<BarSeries> out = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      out.add(
          series(series.get(i).symbol(), series.get(i).bars(), "series[" + i + "].bars", nowMs));
    }
    return out;
  }
}

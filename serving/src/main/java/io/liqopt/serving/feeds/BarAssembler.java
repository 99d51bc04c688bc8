package io.liqopt.serving.feeds;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One asset's hourly bar from its guarded prices: open, high, low and close of the prices accepted
 * in the hour; volumes from the candles sources closed in it (the median over the sources whose
 * candles cover the whole hour, since a price carries no volume). A bar is complete once its hour
 * has ended and {@code graceMs} passed (the last minute's candle arrives after the hour); a bar
 * without prices, or whose volume no source covered, is not made (counted). Not thread-safe: its
 * owner locks.
 */
final class BarAssembler {
  private static final long HOUR_MS = BarInterval.H1.millis();

  private final String symbol;
  private final long graceMs;

  /** The hour being filled and the ended hour waiting for its grace, or null. */
  private double[] filling;

  private double[] ended;

  /** Per hour start, per source: {volume, quoteVolume, covered ms}; three hours at most. */
  private final Map<Long, Map<String, double[]>> volumes = new HashMap<>();

  long withoutVolume;
  long made;

  BarAssembler(String symbol, long graceMs) {
    this.symbol = symbol;
    this.graceMs = graceMs;
  }

  /**
   * An accepted price at {@code nowMs}; returns a bar this completes, if any (an ended hour whose
   * grace had not passed when the next hour ended too). A price of an hour before the one filling
   * (a clock going back) is ignored.
   */
  BarSeries price(double price, long nowMs) {
    long hour = Math.floorDiv(nowMs, HOUR_MS) * HOUR_MS;
    BarSeries done = null;
    if (filling == null || hour > (long) filling[0]) {
      if (filling != null) {
        done = ended == null ? null : finish(ended);
        ended = filling;
      }
      filling = new double[] {hour, price, price, price, price};
    } else if (hour < (long) filling[0]) {
      return null;
    }
    filling[2] = Math.max(filling[2], price);
    filling[3] = Math.min(filling[3], price);
    filling[4] = price;
    return done;
  }

  /** A candle's volumes; candles more than two hours old or of a later hour are ignored. */
  void candle(String source, long openTimeMs, long intervalMs, double volume, double quoteVolume) {
    if (!(volume >= 0) || !(quoteVolume >= 0) || intervalMs <= 0 || intervalMs > HOUR_MS) {
      return;
    }
    long hour = Math.floorDiv(openTimeMs, HOUR_MS) * HOUR_MS;
    if (filling != null && (hour > (long) filling[0] || hour < (long) filling[0] - 2 * HOUR_MS)) {
      return;
    }
    double[] v =
        volumes
            .computeIfAbsent(hour, h -> new HashMap<>())
            .computeIfAbsent(source, x -> new double[3]);
    v[0] += volume;
    v[1] += quoteVolume;
    v[2] += intervalMs;
    while (volumes.size() > 3) {
      volumes.remove(java.util.Collections.min(volumes.keySet()));
    }
  }

  /** The bars whose hour ended at least {@code graceMs} before {@code nowMs}, oldest first. */
  List<BarSeries> sweep(long nowMs) {
    List<BarSeries> out = new ArrayList<>(2);
    if (ended != null && nowMs >= (long) ended[0] + HOUR_MS + graceMs) {
      add(out, finish(ended));
      ended = null;
    }
    if (filling != null && nowMs >= (long) filling[0] + HOUR_MS + graceMs) {
      add(out, finish(filling));
      filling = null;
    }
    return out;
  }

  private static void add(List<BarSeries> out, BarSeries bar) {
    if (bar != null) {
      out.add(bar);
    }
  }

  private BarSeries finish(double[] ohlc) {
    long hour = (long) ohlc[0];
    Map<String, double[]> bySource = volumes.remove(hour);
    volumes.keySet().removeIf(h -> h < hour);
    List<double[]> full = new ArrayList<>();
    if (bySource != null) {
      for (double[] v : bySource.values()) {
        if (v[2] >= HOUR_MS) {
          full.add(v);
        }
      }
    }
    if (full.isEmpty()) {
      withoutVolume++;
      return null;
    }
    made++;
    return BarSeries.of(
        symbol,
        BarInterval.H1,
        new long[] {hour},
        new double[] {ohlc[1]},
        new double[] {ohlc[2]},
        new double[] {ohlc[3]},
        new double[] {ohlc[4]},
        new double[] {median(full, 0)},
        new double[] {median(full, 1)});
  }

  private static double median(List<double[]> rows, int column) {
    double[] x = new double[rows.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = rows.get(i)[column];
    }
    Arrays.sort(x);
    int n = x.length;
    return n % 2 == 1 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
  }
}

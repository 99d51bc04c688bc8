package io.liqopt.serving.feeds;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The mock exchange's script: hourly bars replayed as Binance 1h kline messages, {@code N =
 * stepsPerHour} updates an hour. Step {@code k} is update {@code j = k mod N} of the timeline's
 * hour {@code k / N} (the timeline is every hour any symbol has a bar). Update {@code j}'s close
 * moves piecewise linearly through open → first extreme → second extreme → close at updates 0,
 * round((N−1)/3), round(2(N−1)/3) and N−1 (the low first when the bar closes up, the high first
 * otherwise), so the updates reach the bar's open, high, low and close exactly; its volumes are the
 * fraction (j+1)/N of the bar's; the last update is closed ({@code x=true}) with the hour's volumes
 * and covers the hour ({@code T − t + 1} = 1 h), which is what {@link BarAssembler} needs for a
 * bar's volume. Its event time is {@code t + (j+1)·1h/N − 1} (the last: {@code T}), unless the
 * exchange stamps with its clock. Immutable and thread-safe.
 */
final class MockKlines {
  private static final long HOUR_MS = BarInterval.H1.millis();

  private final Map<String, BarSeries> bars;
  private final long[] hoursMs;
  private final int stepsPerHour;

  MockKlines(Map<String, BarSeries> bars, int stepsPerHour) {
    if (stepsPerHour < 4) {
      throw new IllegalArgumentException("stepsPerHour must be at least 4, was " + stepsPerHour);
    }
    TreeMap<String, BarSeries> byUpper = new TreeMap<>();
    TreeSet<Long> hours = new TreeSet<>();
    for (Map.Entry<String, BarSeries> e : bars.entrySet()) {
      BarSeries s = e.getValue();
      if (s.interval() != BarInterval.H1) {
        throw new IllegalArgumentException("the mock exchange replays hourly bars: " + e.getKey());
      }
      byUpper.put(e.getKey().toUpperCase(Locale.ROOT), s);
      for (int i = 0; i < s.size(); i++) {
        hours.add(s.openTimeMs(i));
      }
    }
    this.bars = byUpper;
    this.hoursMs = hours.stream().mapToLong(Long::longValue).toArray();
    this.stepsPerHour = stepsPerHour;
  }

  /** The steps of the whole timeline. */
  long steps() {
    return (long) hoursMs.length * stepsPerHour;
  }

  int stepsPerHour() {
    return stepsPerHour;
  }

  /** The known symbols among the stream names (e.g. {@code btcusdt@kline_1h}), upper case. */
  List<String> symbols(String streams) {
    List<String> out = new ArrayList<>();
    if (streams == null) {
      return out;
    }
    for (String stream : streams.split("/")) {
      int at = stream.indexOf('@');
      String symbol = (at < 0 ? stream : stream.substring(0, at)).toUpperCase(Locale.ROOT);
      if (bars.containsKey(symbol) && !out.contains(symbol)) {
        out.add(symbol);
      }
    }
    return out;
  }

  /** The bar index of {@code symbol} at step {@code k}'s hour, or -1 when it has none. */
  int barIndex(String symbol, long k) {
    BarSeries s = bars.get(symbol);
    long hourMs = hoursMs[(int) (k / stepsPerHour)];
    int i = s.indexAtOrAfter(hourMs);
    return i < s.size() && s.openTimeMs(i) == hourMs ? i : -1;
  }

  /**
   * The close of update {@code j} of bar {@code i} of {@code symbol}: the path open → low → high →
   * close of an up bar (open → high → low → close of a down one), linear between its points, the
   * points spread evenly over the hour. A point equal to the one before is skipped, so that the
   * path holds one price only for a flat bar (a held price is what a frozen source sends).
   */
  double price(String symbol, int i, int j) {
    BarSeries s = bars.get(symbol);
    boolean up = s.close(i) >= s.open(i);
    double[] points = {s.open(i), up ? s.low(i) : s.high(i), up ? s.high(i) : s.low(i), s.close(i)};
    int m = 1;
    for (int k = 1; k < points.length; k++) {
      if (points[k] != points[m - 1]) {
        points[m++] = points[k];
      }
    }
    if (m == 1 || j >= stepsPerHour - 1) {
      return points[m - 1];
    }
    // point p at the whole step round(p·(n−1)/(m−1)): every point is sent exactly
    int seg = 0;
    while (seg < m - 2 && j >= at(seg + 1, m)) {
      seg++;
    }
    int from = at(seg, m);
    int to = at(seg + 1, m);
    return points[seg] + (points[seg + 1] - points[seg]) * (j - from) / (double) (to - from);
  }

  private int at(int point, int points) {
    return (int) Math.round(point * (stepsPerHour - 1) / (double) (points - 1));
  }

  /**
   * Step {@code k}'s combined-stream message of {@code symbol} (bar {@code i}), its close {@code
   * close} (the script's, or a fault's), stamped {@code eventMs} (Long.MIN_VALUE: the script's).
   */
  String message(String symbol, int i, long k, double close, long eventMs) {
    BarSeries s = bars.get(symbol);
    int j = (int) (k % stepsPerHour);
    long openMs = s.openTimeMs(i);
    long closeMs = openMs + HOUR_MS - 1;
    long e = eventMs != Long.MIN_VALUE ? eventMs : openMs + (j + 1) * HOUR_MS / stepsPerHour - 1;
    double high = close;
    double low = close;
    for (int u = 0; u <= j; u++) {
      high = Math.max(high, price(symbol, i, u));
      low = Math.min(low, price(symbol, i, u));
    }
    double part = (j + 1) / (double) stepsPerHour;
    boolean closed = j == stepsPerHour - 1;
    double v = closed ? s.volume(i) : s.volume(i) * part;
    double qv = Double.isNaN(s.quoteVolume(i)) ? s.volume(i) * s.close(i) : s.quoteVolume(i);
    double q = closed ? qv : qv * part;
    String lower = symbol.toLowerCase(Locale.ROOT);
    return "{\"stream\":\""
        + lower
        + "@kline_1h\",\"data\":{\"e\":\"kline\",\"E\":"
        + e
        + ",\"s\":\""
        + symbol
        + "\",\"k\":{\"t\":"
        + openMs
        + ",\"T\":"
        + closeMs
        + ",\"s\":\""
        + symbol
        + "\",\"i\":\"1h\",\"o\":\""
        + s.open(i)
        + "\",\"c\":\""
        + close
        + "\",\"h\":\""
        + high
        + "\",\"l\":\""
        + low
        + "\",\"v\":\""
        + v
        + "\",\"n\":"
        + (j + 1)
        + ",\"x\":"
        + closed
        + ",\"q\":\""
        + q
        + "\"}}}";
  }
}

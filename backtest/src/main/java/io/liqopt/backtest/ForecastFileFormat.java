package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary encoding of one asset's walk-forward forecasts, a block of {@link ForecastCache}'s
 * file. Big-endian, doubles as their raw bits (so decoding gives back equal records):
 *
 * <pre>
 * block   = string symbol, int rows, rows × row
 * row     = byte 0 (no forecast)
 *         | byte 1, long asOfEpochMs, ref symbol, ref modelVersion, int horizons,
 *           horizons × horizon, double stressLevel, int stressHorizonHours,
 *           double stressProbability
 * horizon = int horizonHours, double variance, curve longAdverseMove, curve shortAdverseMove
 * curve   = levels, n × double value (n = the number of levels)
 * ref     = int i: the i-th string of the block's table, or (i = table size) a new string
 * levels  = int i: the i-th level array of the block's table, or (i = table size) int n, n × double
 * string  = int byte length, UTF-8 bytes
 * </pre>
 *
 * <p>The tables make repeated model versions and the standard quantile levels (shared by nearly
 * every curve) cost four bytes each. Not thread-safe: one instance encodes one block.
 */
final class ForecastFileFormat {
  private static final byte ABSENT = 0;
  private static final byte PRESENT = 1;

  private ByteBuffer buf = ByteBuffer.allocate(1 << 16);
  private final Map<String, Integer> strings = new HashMap<>();
  private final List<double[]> levels = new ArrayList<>();
  private int lastLevels = -1;

  private ForecastFileFormat() {}

  /** The block of one asset's forecasts (entries may be null), as a buffer ready to be read. */
  static ByteBuffer encode(String symbol, AssetForecast[] rows) {
    ForecastFileFormat e = new ForecastFileFormat();
    e.putString(symbol);
    e.room(4).putInt(rows.length);
    for (AssetForecast f : rows) {
      if (f == null) {
        e.room(1).put(ABSENT);
      } else {
        e.putForecast(f);
      }
    }
    return e.buf.flip();
  }

  /**
   * Decodes a block written by {@link #encode}: the forecasts by row of {@code symbol}.
   *
   * @throws IllegalArgumentException if the block is malformed (a wrong tag, a reference out of
   *     range, a count larger than the bytes left, a value a record refuses) or of another symbol
   * @throws BufferUnderflowException if the block ends early
   */
  static AssetForecast[] decode(ByteBuffer in, String symbol) {
    List<String> strings = new ArrayList<>();
    List<double[]> levels = new ArrayList<>();
    String blockSymbol = string(in);
    if (!blockSymbol.equals(symbol)) {
      throw new IllegalArgumentException(
          "forecasts of " + blockSymbol + " where " + symbol + " was expected");
    }
    AssetForecast[] rows = new AssetForecast[count(in, 1)];
    for (int r = 0; r < rows.length; r++) {
      byte tag = in.get();
      if (tag == PRESENT) {
        rows[r] = forecast(in, strings, levels);
      } else if (tag != ABSENT) {
        throw new IllegalArgumentException("row " + r + " of " + symbol + " has tag " + tag);
      }
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(in.remaining() + " stray bytes after " + symbol);
    }
    return rows;
  }

  private void putForecast(AssetForecast f) {
    room(9).put(PRESENT).putLong(f.asOfEpochMs());
    putRef(f.symbol());
    putRef(f.modelVersion());
    room(4).putInt(f.horizons().size());
    for (HorizonForecast h : f.horizons()) {
      room(12).putInt(h.horizonHours()).putDouble(h.variance());
      putCurve(h.longAdverseMove());
      putCurve(h.shortAdverseMove());
    }
    room(20)
        .putDouble(f.stressLevel())
        .putInt(f.stressHorizonHours())
        .putDouble(f.stressProbability());
  }

  private void putRef(String s) {
    Integer i = strings.get(s);
    if (i != null) {
      room(4).putInt(i);
    } else {
      room(4).putInt(strings.size());
      strings.put(s, strings.size());
      putString(s);
    }
  }

  private void putCurve(QuantileCurve c) {
    int n = c.size();
    int i = lastLevels >= 0 && sameLevels(levels.get(lastLevels), c) ? lastLevels : findLevels(c);
    if (i >= 0) {
      room(4).putInt(i);
    } else {
      i = levels.size();
      levels.add(c.levels());
      room(8 + 8 * n).putInt(i).putInt(n);
      for (int k = 0; k < n; k++) {
        buf.putDouble(c.level(k));
      }
    }
    lastLevels = i;
    room(8 * n);
    for (int k = 0; k < n; k++) {
      buf.putDouble(c.value(k));
    }
  }

  private int findLevels(QuantileCurve c) {
    for (int i = 0; i < levels.size(); i++) {
      if (sameLevels(levels.get(i), c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameLevels(double[] l, QuantileCurve c) {
    if (l.length != c.size()) {
      return false;
    }
    for (int k = 0; k < l.length; k++) {
      if (Double.doubleToRawLongBits(l[k]) != Double.doubleToRawLongBits(c.level(k))) {
        return false;
      }
    }
    return true;
  }

  private void putString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    room(4 + b.length).putInt(b.length).put(b);
  }

  /** The buffer, grown (doubled) so that {@code bytes} more fit. */
  private ByteBuffer room(int bytes) {
    if (buf.remaining() < bytes) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(2 * buf.capacity(), buf.position() + bytes));
      buf = bigger.put(buf.flip());
    }
    return buf;
  }

  private static AssetForecast forecast(
      ByteBuffer in, List<String> strings, List<double[]> levels) {
    long asOf = in.getLong();
    String symbol = ref(in, strings);
    String modelVersion = ref(in, strings);
    // a horizon takes at least 36 bytes (two curves of one level, both referenced)
    int n = count(in, 36);
    List<HorizonForecast> horizons = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      int hours = in.getInt();
      double variance = in.getDouble();
      QuantileCurve longMove = curve(in, levels);
      horizons.add(new HorizonForecast(hours, variance, longMove, curve(in, levels)));
    }
    double stressLevel = in.getDouble();
    int stressHorizonHours = in.getInt();
    double stressProbability = in.getDouble();
    return new AssetForecast(
        symbol, asOf, modelVersion, horizons, stressLevel, stressHorizonHours, stressProbability);
  }

  private static String ref(ByteBuffer in, List<String> strings) {
    int i = in.getInt();
    if (i == strings.size()) {
      strings.add(string(in));
    } else if (i < 0 || i > strings.size()) {
      throw new IllegalArgumentException("string reference " + i + " out of range");
    }
    return strings.get(i);
  }

  private static QuantileCurve curve(ByteBuffer in, List<double[]> levels) {
    int i = in.getInt();
    if (i == levels.size()) {
      double[] l = new double[count(in, 8)];
      for (int k = 0; k < l.length; k++) {
        l[k] = in.getDouble();
      }
      levels.add(l);
    } else if (i < 0 || i > levels.size()) {
      throw new IllegalArgumentException("level reference " + i + " out of range");
    }
    double[] l = levels.get(i);
    double[] v = new double[l.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = in.getDouble();
    }
    return QuantileCurve.of(l, v);
  }

  private static String string(ByteBuffer in) {
    byte[] b = new byte[count(in, 1)];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Reads a count of items of at least {@code minBytes} each, checked against the bytes left. */
  private static int count(ByteBuffer in, int minBytes) {
    int n = in.getInt();
    if (n < 0 || (long) n * minBytes > in.remaining()) {
      throw new IllegalArgumentException(
          "a count of " + n + " with " + in.remaining() + " bytes left");
    }
    return n;
  }
}

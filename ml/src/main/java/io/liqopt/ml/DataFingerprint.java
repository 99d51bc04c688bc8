package io.liqopt.ml;

import io.liqopt.core.market.BarSeries;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over every bar of a list of series (symbol, interval, then per bar the open time and the
 * six values as IEEE-754 bits, big-endian), in the order given: the same data gives the same hash
 * on any machine, and any changed bar changes it.
 */
public final class DataFingerprint {
  private DataFingerprint() {}

  /** The hex SHA-256 of the series. */
  public static String of(List<BarSeries> series) {
    MessageDigest md = BundleStore.digest();
    ByteBuffer buf = ByteBuffer.allocate(7 * Long.BYTES);
    for (BarSeries s : series) {
      md.update(s.symbol().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(s.interval().label().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      for (int i = 0; i < s.size(); i++) {
        buf.clear();
        buf.putLong(s.openTimeMs(i));
        buf.putLong(Double.doubleToLongBits(s.open(i)));
        buf.putLong(Double.doubleToLongBits(s.high(i)));
        buf.putLong(Double.doubleToLongBits(s.low(i)));
        buf.putLong(Double.doubleToLongBits(s.close(i)));
        buf.putLong(Double.doubleToLongBits(s.volume(i)));
        buf.putLong(Double.doubleToLongBits(s.quoteVolume(i)));
        md.update(buf.array());
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}

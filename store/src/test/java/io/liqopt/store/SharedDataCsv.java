package io.liqopt.store;

import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Bars written as the plain CSV of {@code ../shared/data} (header ts,open,…,quote_volume). */
public final class SharedDataCsv {
  private SharedDataCsv() {}

  /** Writes {@code s} to {@code file} (plain text, epoch-millisecond times) and returns it. */
  public static Path write(BarSeries s, Path file) throws IOException {
    StringBuilder b = new StringBuilder("ts,open,high,low,close,volume,quote_volume\n");
    for (int i = 0; i < s.size(); i++) {
      b.append(
          String.format(
              Locale.ROOT,
              "%d,%s,%s,%s,%s,%s,%s%n",
              s.openTimeMs(i),
              s.open(i),
              s.high(i),
              s.low(i),
              s.close(i),
              s.volume(i),
              s.quoteVolume(i)));
    }
    return Files.writeString(file, b);
  }
}

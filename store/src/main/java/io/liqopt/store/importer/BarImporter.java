package io.liqopt.store.importer;

import io.liqopt.core.market.BarDefect;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.EpochTime;
import io.liqopt.store.MarketStore;
import io.liqopt.store.ParquetBarFile;
import io.liqopt.store.RawBars;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads one market-data file into a validated series. Stateless and thread-safe.
 *
 * <p>Compression is detected from the first bytes (gzip, zip holding one CSV), not the name. The
 * layout is detected from the name ({@code .parquet}) or the first line (a header starting with
 * {@code ts} is the plain CSV, 12 columns are Binance).
 */
public final class BarImporter {
  private static final List<String> PLAIN_COLUMNS =
      List.of("ts", "open", "high", "low", "close", "volume", "quote_volume");
  private static final int BINANCE_COLUMNS = 12;

  /** {@code BTCUSDT_1h.csv.gz} (shared/data) or {@code BTCUSDT-1h-2024-01.zip} (Binance). */
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]+)[_-](\\d+[smhdw])([._-].*)?");

  public static final BarImporter DEFAULT = new BarImporter();

  /** Imports a file, refusing it or skipping rows per the options. */
  public ImportResult read(Path file, ImportOptions opts) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ImportException(file + ": no such file");
    }
    try {
      ImportFormat format = opts.format() != null ? opts.format() : detect(file);
      return switch (format) {
        case PARQUET -> readParquet(file, opts);
        case CSV, BINANCE -> readCsv(file, format, opts);
      };
    } catch (ImportException e) {
      throw e;
    } catch (IOException | java.io.UncheckedIOException e) {
      // truncated gzip, broken zip, unreadable file: say which file and what the reader saw
      throw new ImportException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  private static ImportFormat detect(Path file) throws IOException {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      return ImportFormat.PARQUET;
    }
    try (BufferedReader r = open(file)) {
      String first = r.readLine();
      if (first == null) {
        throw new ImportException(file + ":1: empty file");
      }
      first = stripBom(first).trim();
      if (first.toLowerCase(Locale.ROOT).startsWith("ts,")) {
        return ImportFormat.CSV;
      }
      if (first.split(",", -1).length == BINANCE_COLUMNS) {
        return ImportFormat.BINANCE;
      }
      throw new ImportException(
          file
              + ":1: unknown layout (expected a 'ts,open,high,low,close,"
              + "volume,quote_volume' header or 12 Binance kline columns); pass --format");
    }
  }

  /** Symbol and interval from the options, else the file name. */
  private static String symbolOf(Path file, ImportOptions opts, String fromMetadata)
      throws ImportException {
    String s = opts.symbol() != null ? opts.symbol() : fromMetadata;
    if (s == null) {
      Matcher m = NAME.matcher(file.getFileName().toString());
      if (m.matches()) {
        s = m.group(1).toUpperCase(Locale.ROOT);
      }
    }
    if (s == null) {
      throw new ImportException(
          file + ": cannot tell the symbol from the file name; pass --symbol");
    }
    try {
      return MarketStore.checkSymbol(s);
    } catch (IllegalArgumentException e) {
      throw new ImportException(file + ": " + e.getMessage());
    }
  }

  private static BarInterval intervalOf(Path file, ImportOptions opts, String fromMetadata)
      throws ImportException {
    if (opts.interval() != null) {
      return opts.interval();
    }
    try {
      if (fromMetadata != null) {
        return BarInterval.parse(fromMetadata);
      }
      Matcher m = NAME.matcher(file.getFileName().toString());
      if (!m.matches()) {
        // guessing 1h would store daily bars as hourly ones with a gap after each
        throw new ImportException(
            file
                + ": cannot tell the bar interval from the file's metadata "
                + "or name; pass --interval");
      }
      return BarInterval.parse(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new ImportException(file + ": " + e.getMessage() + "; pass --interval");
    }
  }

  private ImportResult readCsv(Path file, ImportFormat format, ImportOptions opts)
      throws IOException {
    String name = file.toString();
    String symbol = symbolOf(file, opts, null);
    BarInterval interval = intervalOf(file, opts, null);
    ImportAccumulator acc =
        new ImportAccumulator(
            name,
            symbol,
            interval,
            opts.skipInvalid(),
            (int) Math.min(1 << 20, Files.size(file) / 16));
    try (BufferedReader r = open(file)) {
      if (format == ImportFormat.CSV) {
        parsePlain(r, acc, name);
      } else {
        parseBinance(r, acc, interval);
      }
    }
    return acc.finish(format.name().toLowerCase(Locale.ROOT) + ":" + file.getFileName(), format);
  }

  /** The plain layout: a header naming the columns (any order), then numbers. */
  private static void parsePlain(BufferedReader r, ImportAccumulator acc, String name)
      throws IOException {
    String header = r.readLine();
    if (header == null) {
      throw new ImportException(name + ":1: empty file");
    }
    String[] cols = stripBom(header).trim().toLowerCase(Locale.ROOT).split(",", -1);
    int[] idx = new int[PLAIN_COLUMNS.size()];
    for (int c = 0; c < idx.length; c++) {
      idx[c] = Arrays.asList(cols).indexOf(PLAIN_COLUMNS.get(c));
      if (idx[c] < 0 && c < idx.length - 1) {
        throw new ImportException(
            name
                + ":1: header lacks column '"
                + PLAIN_COLUMNS.get(c)
                + "' (expected ts,open,high,low,close,volume,quote_volume)");
      }
    }
    String[] f = new String[cols.length];
    long line = 1;
    String s;
    while ((s = r.readLine()) != null) {
      line++;
      if (s.isBlank()) {
        continue;
      }
      int n = split(s, f);
      if (n != cols.length) {
        acc.rejectRow(line, BarDefect.MALFORMED, "expected " + cols.length + " fields, found " + n);
        continue;
      }
      long ts;
      double o;
      double h;
      double l;
      double c;
      double v;
      double qv;
      try {
        ts = Long.parseLong(f[idx[0]]);
        o = Double.parseDouble(f[idx[1]]);
        h = Double.parseDouble(f[idx[2]]);
        l = Double.parseDouble(f[idx[3]]);
        c = Double.parseDouble(f[idx[4]]);
        v = Double.parseDouble(f[idx[5]]);
        qv = idx[6] < 0 || f[idx[6]].isEmpty() ? Double.NaN : Double.parseDouble(f[idx[6]]);
      } catch (NumberFormatException e) {
        acc.rejectRow(line, BarDefect.MALFORMED, "not a number: " + e.getMessage());
        continue;
      }
      ts = EpochTime.toMillis(ts);
      if (!EpochTime.plausibleMillis(ts)) {
        acc.rejectRow(
            line,
            BarDefect.MALFORMED,
            "time "
                + f[idx[0]]
                + " is not an epoch time "
                + "between 1990 and 2200 in ms, µs or ns");
        continue;
      }
      acc.accept(line, ts, o, h, l, c, v, qv);
    }
  }

  /**
   * Binance kline CSV: open_time, open, high, low, close, volume, close_time, quote_volume, trades,
   * taker_buy_base, taker_buy_quote, ignore. Times in ms, or µs from 2025 on. The close time must
   * equal open time + interval - 1 ms.
   */
  private static void parseBinance(BufferedReader r, ImportAccumulator acc, BarInterval interval)
      throws IOException {
    String[] f = new String[BINANCE_COLUMNS + 1];
    long line = 0;
    String s;
    while ((s = r.readLine()) != null) {
      line++;
      if (line == 1) {
        s = stripBom(s);
        if (!s.isEmpty() && !Character.isDigit(s.charAt(0))) {
          continue; // header
        }
      }
      if (s.isBlank()) {
        continue;
      }
      int n = split(s, f);
      if (n != BINANCE_COLUMNS) {
        acc.rejectRow(line, BarDefect.MALFORMED, "expected 12 fields, found " + n);
        continue;
      }
      long ts;
      long closeTs;
      double o;
      double h;
      double l;
      double c;
      double v;
      double qv;
      try {
        ts = Long.parseLong(f[0]);
        o = Double.parseDouble(f[1]);
        h = Double.parseDouble(f[2]);
        l = Double.parseDouble(f[3]);
        c = Double.parseDouble(f[4]);
        v = Double.parseDouble(f[5]);
        closeTs = Long.parseLong(f[6]);
        qv = f[7].isEmpty() ? Double.NaN : Double.parseDouble(f[7]);
      } catch (NumberFormatException e) {
        acc.rejectRow(line, BarDefect.MALFORMED, "not a number: " + e.getMessage());
        continue;
      }
      ts = EpochTime.toMillis(ts);
      closeTs = EpochTime.toMillis(closeTs);
      if (!EpochTime.plausibleMillis(ts)) {
        acc.rejectRow(
            line,
            BarDefect.MALFORMED,
            "open time "
                + f[0]
                + " is not an epoch time "
                + "between 1990 and 2200 in ms, µs or ns");
        continue;
      }
      if (closeTs != ts + interval.millis() - 1) {
        acc.rejectRow(
            line,
            BarDefect.BAD_BAR_LENGTH,
            "close time " + closeTs + " does not end a " + interval + " bar opening at " + ts);
        continue;
      }
      acc.accept(line, ts, o, h, l, c, v, qv);
    }
  }

  private ImportResult readParquet(Path file, ImportOptions opts) throws IOException {
    RawBars raw;
    try {
      raw = ParquetBarFile.read(file);
    } catch (IOException e) {
      throw new ImportException(e.getMessage(), e);
    }
    String symbol = symbolOf(file, opts, raw.metadata().get(ParquetBarFile.KEY_SYMBOL));
    BarInterval interval = intervalOf(file, opts, raw.metadata().get(ParquetBarFile.KEY_INTERVAL));
    // line numbers of a Parquet file are row numbers (1-based)
    ImportAccumulator acc =
        new ImportAccumulator(file.toString(), symbol, interval, opts.skipInvalid(), raw.rows());
    for (int i = 0; i < raw.rows(); i++) {
      acc.accept(
          i + 1,
          raw.openTimeMs(i),
          raw.open(i),
          raw.high(i),
          raw.low(i),
          raw.close(i),
          raw.volume(i),
          raw.quoteVolume(i));
    }
    return acc.finish("parquet:" + file.getFileName(), ImportFormat.PARQUET);
  }

  /** Splits on commas into {@code out}; returns the field count (may exceed out.length). */
  static int split(String s, String[] out) {
    int n = 0;
    int start = 0;
    int len = s.length();
    if (len > 0 && s.charAt(len - 1) == '\r') {
      len--;
    }
    for (int i = 0; i <= len; i++) {
      if (i == len || s.charAt(i) == ',') {
        if (n < out.length) {
          out[n] = s.substring(start, i).trim();
        }
        n++;
        start = i + 1;
      }
    }
    return n;
  }

  private static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  /** Opens a text file, unwrapping gzip or a single-entry zip by magic bytes. */
  static BufferedReader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      in.mark(4);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        in = new GZIPInputStream(in, 1 << 16);
      } else if (b0 == 'P' && b1 == 'K') {
        ZipInputStream zin = new ZipInputStream(in);
        ZipEntry e = zin.getNextEntry();
        while (e != null && e.isDirectory()) {
          e = zin.getNextEntry();
        }
        if (e == null) {
          zin.close();
          throw new ImportException(file + ": zip archive holds no file");
        }
        in = zin;
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}

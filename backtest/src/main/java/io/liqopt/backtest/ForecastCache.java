package io.liqopt.backtest;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.feature.FeatureMatrix;
import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarSeries;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * An on-disk cache of {@link WalkForwardForecasts}, so that a second run over the same data and
 * recipe refits nothing. A file is named after the forecaster and its key ({@link #file}); the key
 * ({@link #key}) is a SHA-256 of the format version, {@link #CODE_VERSION}, the recipe and every
 * value a forecast can read. A file that is absent, corrupt, truncated, of another format or made
 * for another key is not used (with a one-line reason) and the forecasts are computed again.
 *
 * <p>File: {@code int magic, int format version}, then blocks, each {@code int length, bytes, int
 * CRC32 of the bytes}: a header block (key, recipe, number of assets), then one block per asset in
 * the order of the histories ({@link ForecastFileFormat}), then the end of the file. Every block's
 * checksum is checked before the block is decoded, and a file that ends early is truncated.
 *
 * <p>Stateless and thread-safe; two runs writing the same file at once each replace it atomically.
 */
public final class ForecastCache {
  /**
   * The version of the code that makes forecasts, part of every key: the key sees the data and the
   * recipe but not the code, so bump this whenever a change to forecasting code (a forecaster, the
   * features, {@link WalkForwardForecasts#compute}) changes any forecast, and every cached file
   * becomes stale.
   */
  public static final String CODE_VERSION = "2";

  private static final int MAGIC = 0x4C514643; // "LQFC"
  private static final int FORMAT_VERSION = 1;
  private static final int KEY_PREFIX_CHARS = 16;
  private static final int BUFFER_BYTES = 1 << 16;

  private ForecastCache() {}

  /**
   * The forecasts of {@code forecaster} for a backtest or an optimisation run with {@code b}: its
   * horizons, stress level, walk-forward, start and the backtest's fit seed ({@link
   * #computeOrRead(Path, Forecaster, ForecastSpec, Policies.WalkForward, List, long, long,
   * Consumer)}).
   */
  public static WalkForwardForecasts computeOrRead(
      Path cacheDir,
      Forecaster forecaster,
      BacktestJob.Options b,
      List<AssetHistory> histories,
      Consumer<String> progress) {
    return computeOrRead(
        cacheDir,
        forecaster,
        spec(b),
        b.walkForward(),
        histories,
        BacktestJob.FIT_SEED,
        b.fromMs(),
        progress);
  }

  /**
   * The forecasts {@link #computeOrRead(Path, Forecaster, BacktestJob.Options, List, Consumer)}
   * would give, only as read from {@code cacheDir}: empty when no valid file is there (the reason
   * on {@code note} when the file is unusable).
   *
   * @throws IOException if the file exists but cannot be read
   */
  public static Optional<WalkForwardForecasts> cached(
      Path cacheDir,
      Forecaster forecaster,
      BacktestJob.Options b,
      List<AssetHistory> histories,
      Consumer<String> note)
      throws IOException {
    String key =
        key(
            histories,
            WalkForwardForecasts.recipe(
                forecaster, spec(b), b.walkForward(), BacktestJob.FIT_SEED, b.fromMs()));
    return read(file(cacheDir, forecaster.name(), key), key, histories, note);
  }

  private static ForecastSpec spec(BacktestJob.Options b) {
    return ForecastSpec.of(b.incentive().thresholds(b.risk()).horizonsHours(), b.stressLevel())
        .withQuantileTracking(b.quantileTrackingGamma());
  }

  /**
   * The forecasts of {@code forecaster}, read from {@code cacheDir} when a valid file is there,
   * else computed by {@link WalkForwardForecasts#compute} and written there. A cache that cannot be
   * read or written is a line on {@code progress}, never a failure.
   *
   * @param cacheDir the cache folder (created if needed), or null for no cache
   * @param progress receives a line saying where the forecasts came from, and the fits' lines
   */
  public static WalkForwardForecasts computeOrRead(
      Path cacheDir,
      Forecaster forecaster,
      ForecastSpec spec,
      Policies.WalkForward wf,
      List<AssetHistory> histories,
      long seed,
      long startMs,
      Consumer<String> progress) {
    if (cacheDir == null) {
      return WalkForwardForecasts.compute(forecaster, spec, wf, histories, seed, startMs, progress);
    }
    String name = forecaster.name();
    String key = key(histories, WalkForwardForecasts.recipe(forecaster, spec, wf, seed, startMs));
    Path file = file(cacheDir, name, key);
    try {
      Optional<WalkForwardForecasts> cached =
          read(
              file,
              key,
              histories,
              reason -> progress.accept("forecasts: " + name + " not read (" + reason + ")"));
      if (cached.isPresent()) {
        progress.accept("forecasts: " + name + " read from " + file);
        return cached.get();
      }
    } catch (IOException e) {
      progress.accept("forecasts: " + name + " cache not readable (" + e + ")");
    }
    WalkForwardForecasts computed =
        WalkForwardForecasts.compute(forecaster, spec, wf, histories, seed, startMs, progress);
    try {
      write(file, key, computed);
      progress.accept("forecasts: " + name + " written to " + file);
    } catch (IOException e) {
      progress.accept("forecasts: " + name + " not cached (" + e + ")");
    }
    return computed;
  }

  /**
   * The cache key: SHA-256 (hex) of the format version, {@link #CODE_VERSION}, {@code recipe} and,
   * for each history in order, its symbol, interval, size, every bar's open time, open, high, low,
   * close, volume and quote volume, the feature schema and every feature value (the market factor
   * included), values as raw bits. Any change of a value or of the recipe gives another key.
   */
  public static String key(List<AssetHistory> histories, String recipe) {
    MessageDigest md = sha256();
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
    putString(md, buf, "liqopt-forecast-cache/" + FORMAT_VERSION + "/" + CODE_VERSION);
    putString(md, buf, recipe);
    buf.putInt(histories.size());
    for (AssetHistory h : histories) {
      BarSeries s = h.series();
      putString(md, buf, s.symbol());
      putString(md, buf, s.interval().name());
      buf.putInt(s.size());
      for (int i = 0; i < s.size(); i++) {
        room(md, buf, 56)
            .putLong(s.openTimeMs(i))
            .putDouble(s.open(i))
            .putDouble(s.high(i))
            .putDouble(s.low(i))
            .putDouble(s.close(i))
            .putDouble(s.volume(i))
            .putDouble(s.quoteVolume(i));
      }
      FeatureMatrix f = h.features();
      putString(md, buf, f.schema().fingerprint());
      room(md, buf, 4).putInt(f.rows());
      for (int c = 0; c < f.schema().size(); c++) {
        for (int r = 0; r < f.rows(); r++) {
          room(md, buf, 8).putDouble(f.value(r, c));
        }
      }
    }
    md.update(buf.flip());
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The file of {@code forecasterName}'s forecasts of {@code key}: {@code <cacheDir>/<name>-<first
   * 16 hex digits of the key>.forecasts}, characters of the name other than letters, digits, '.',
   * '_' and '-' replaced by '_'.
   */
  public static Path file(Path cacheDir, String forecasterName, String key) {
    String name = forecasterName.replaceAll("[^A-Za-z0-9._-]", "_");
    return cacheDir.resolve(
        name + "-" + key.substring(0, Math.min(KEY_PREFIX_CHARS, key.length())) + ".forecasts");
  }

  /**
   * The forecasts in {@code file} if it holds those of {@code key} for exactly these histories
   * (same symbols in the same order, as many rows each). Empty when the file is absent; empty with
   * a one-line reason on {@code note} when it is unusable (not a cache file, another format
   * version, another key, corrupt, truncated, rows not matching the histories).
   *
   * @throws IOException if the file exists but cannot be read
   */
  public static Optional<WalkForwardForecasts> read(
      Path file, String key, List<AssetHistory> histories, Consumer<String> note)
      throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES))) {
      return Optional.of(decode(in, size, key, histories));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (EOFException | BufferUnderflowException e) {
      note.accept(file + " is truncated");
    } catch (Unusable | IllegalArgumentException e) {
      note.accept(file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // anything else a damaged block makes the decoders throw: a bad file, never a failure
      note.accept(file + " is unreadable (" + e + ")");
    }
    return Optional.empty();
  }

  /**
   * Writes {@code forecasts} of {@code key} to {@code file} atomically ({@link AtomicFiles}: a
   * temporary file in the same folder, fsync, rename, fsync of the folder), creating the folder.
   */
  public static void write(Path file, String key, WalkForwardForecasts forecasts)
      throws IOException {
    AtomicFiles.write(
        file,
        temp -> {
          try (DataOutputStream out =
              new DataOutputStream(
                  new BufferedOutputStream(Files.newOutputStream(temp), BUFFER_BYTES))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            byte[] recipe = forecasts.recipe().getBytes(StandardCharsets.UTF_8);
            ByteBuffer header = ByteBuffer.allocate(12 + k.length + recipe.length);
            header.putInt(k.length).put(k).putInt(recipe.length).put(recipe);
            writeBlock(out, header.putInt(forecasts.symbols().size()).flip());
            for (String symbol : forecasts.symbols()) {
              AssetForecast[] rows = new AssetForecast[forecasts.size(symbol)];
              for (int r = 0; r < rows.length; r++) {
                rows[r] = forecasts.at(symbol, r);
              }
              writeBlock(out, ForecastFileFormat.encode(symbol, rows));
            }
          }
        });
  }

  private static WalkForwardForecasts decode(
      DataInputStream in, long fileBytes, String key, List<AssetHistory> histories)
      throws IOException, Unusable {
    if (fileBytes < 8 || in.readInt() != MAGIC) {
      throw new Unusable("not a forecast cache file");
    }
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new Unusable("format version " + version + ", this build reads " + FORMAT_VERSION);
    }
    ByteBuffer header = readBlock(in, fileBytes, "header");
    if (!key.equals(getString(header))) {
      throw new Unusable("made for another key (other data, recipe or code version)");
    }
    String recipe = getString(header);
    int assets = header.getInt();
    if (assets != histories.size()) {
      throw new Unusable(assets + " assets, the histories have " + histories.size());
    }
    Map<String, AssetForecast[]> rows = new LinkedHashMap<>();
    for (AssetHistory h : histories) {
      AssetForecast[] a =
          ForecastFileFormat.decode(readBlock(in, fileBytes, h.symbol()), h.symbol());
      if (a.length != h.size()) {
        throw new Unusable(h.symbol() + " has " + a.length + " rows, its history " + h.size());
      }
      rows.put(h.symbol(), a);
    }
    if (in.read() != -1) {
      throw new Unusable("stray bytes after the last block");
    }
    return new WalkForwardForecasts(recipe, rows);
  }

  private static void writeBlock(DataOutputStream out, ByteBuffer block) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(block.array(), 0, block.limit());
    out.writeInt(block.limit());
    out.write(block.array(), 0, block.limit());
    out.writeInt((int) crc.getValue());
  }

  private static ByteBuffer readBlock(DataInputStream in, long fileBytes, String what)
      throws IOException, Unusable {
    int length = in.readInt();
    if (length < 0 || length > fileBytes) {
      throw new Unusable(
          "block " + what + " claims " + length + " bytes of a file of " + fileBytes);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    if (in.readInt() != (int) crc.getValue()) {
      throw new Unusable("checksum mismatch in block " + what + " (corrupt)");
    }
    return ByteBuffer.wrap(bytes);
  }

  private static String getString(ByteBuffer buf) {
    int n = buf.getInt();
    if (n < 0 || n > buf.remaining()) {
      throw new IllegalArgumentException("a string of " + n + " bytes in a block of fewer");
    }
    byte[] b = new byte[n];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Feeds the digest a length-prefixed string (flushing the buffer first). */
  private static void putString(MessageDigest md, ByteBuffer buf, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    room(md, buf, 4).putInt(b.length);
    md.update(buf.flip());
    buf.clear();
    md.update(b);
  }

  /** The buffer, after feeding it to the digest if fewer than {@code bytes} are free. */
  private static ByteBuffer room(MessageDigest md, ByteBuffer buf, int bytes) {
    if (buf.remaining() < bytes) {
      md.update(buf.flip());
      buf.clear();
    }
    return buf;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A file that exists but cannot be used; the message says why, in one line. */
  private static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String reason) {
      super(reason, null, false, false);
    }
  }
}

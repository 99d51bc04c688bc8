package io.liqopt.store;

import io.liqopt.core.FileSink;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.SeriesMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The market-data store under a data folder: {@code <data>/market/<interval>/<SYMBOL>.parquet}.
 *
 * <p>Writes are atomic per file (temporary file, fsync, rename), so a reader needs no lock: it sees
 * each file whole, before or after a write (a reader of several series may see some before and some
 * after one). Every write holds the store's {@link StoreLock} ({@code <data>/}{@value
 * StoreLock#FILE_NAME}), so that writers in this and other processes (a {@code liqopt data}
 * command, the log compaction of {@code liqopt serve}) take turns and none loses another's bars:
 * {@link #write}, {@link #merge} and {@link #commit} take it for their own call; a caller that
 * reads before it writes ({@link #planMerge} then {@link #commit}) runs both in {@link #locked}.
 */
public final class MarketStore {
  /** Symbols are file names: upper-case letters, digits, '-', '_' and '.'. */
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,63}");

  private final Path root;
  private final StoreLock lock;
  private final FileSink sink;

  /**
   * A store rooted at {@code dataDir} (files go to {@code dataDir/market/...}) whose writers wait
   * up to {@link StoreLock#DEFAULT_TIMEOUT} for the lock.
   */
  public MarketStore(Path dataDir) {
    this(dataDir, StoreLock.DEFAULT_TIMEOUT);
  }

  /**
   * A store rooted at {@code dataDir} whose writers wait up to {@code lockTimeout} for the lock.
   *
   * @throws IllegalArgumentException when {@code lockTimeout} is negative
   */
  public MarketStore(Path dataDir, Duration lockTimeout) {
    this(dataDir, lockTimeout, FileSink.FILES);
  }

  /**
   * A store as {@link #MarketStore(Path, Duration)} whose files are written through {@code sink}
   * (tests pass one that fails as a full disk does).
   */
  public MarketStore(Path dataDir, Duration lockTimeout, FileSink sink) {
    Objects.requireNonNull(dataDir, "dataDir");
    this.root = dataDir.resolve("market");
    this.lock = new StoreLock(dataDir.resolve(StoreLock.FILE_NAME), lockTimeout);
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** The folder holding the interval folders. */
  public Path root() {
    return root;
  }

  /** Where a series lives (whether or not it exists). */
  public Path pathOf(String symbol, BarInterval interval) {
    return root.resolve(interval.label()).resolve(checkSymbol(symbol) + ".parquet");
  }

  /** Checks a symbol can safely be used as a file name. */
  public static String checkSymbol(String symbol) {
    if (symbol == null || !SYMBOL.matcher(symbol).matches()) {
      throw new IllegalArgumentException(
          "invalid symbol '" + symbol + "': expected upper-case letters and digits, e.g. BTCUSDT");
    }
    return symbol;
  }

  public boolean contains(String symbol, BarInterval interval) {
    return Files.isRegularFile(pathOf(symbol, interval));
  }

  /** Reads a stored series, validated. */
  public BarSeries read(String symbol, BarInterval interval) throws IOException {
    Path p = pathOf(symbol, interval);
    if (!Files.isRegularFile(p)) {
      throw new IOException("no " + interval + " data for " + symbol + " (" + p + ")");
    }
    RawBars raw = ParquetBarFile.read(p);
    try {
      return raw.toSeries(symbol, interval);
    } catch (IllegalArgumentException e) {
      throw new IOException(p + ": stored bars are invalid: " + e.getMessage(), e);
    }
  }

  /** Reads a stored series if present. */
  public Optional<BarSeries> readIfPresent(String symbol, BarInterval interval) throws IOException {
    return contains(symbol, interval) ? Optional.of(read(symbol, interval)) : Optional.empty();
  }

  /**
   * Runs {@code write} holding the store's write lock (reentrant; see {@link StoreLock#call}): wrap
   * a read-modify-write in it.
   *
   * @throws StoreLockedException when another writer holds the lock past the timeout; {@code write}
   *     did not run
   */
  public <T> T locked(StoreLock.Write<T> write) throws IOException {
    return lock.call(write);
  }

  /**
   * Replaces the stored series with {@code series}, atomically, under the lock.
   *
   * @throws StoreLockedException when another writer holds the lock past the timeout; nothing is
   *     written then
   */
  public void write(BarSeries series, String source) throws IOException {
    locked(
        () -> {
          ParquetBarFile.write(series, source, pathOf(series.symbol(), series.interval()), sink);
          return null;
        });
  }

  /**
   * Merges {@code incoming} into the stored series (creating it if absent) and writes the result
   * atomically, holding the lock across the read and the write. A conflicting duplicate leaves the
   * store untouched.
   */
  public SeriesMerge merge(BarSeries incoming, String source) throws IOException {
    return locked(
        () -> {
          SeriesMerge m = planMerge(incoming);
          commit(m, source);
          return m;
        });
  }

  /**
   * Computes the merge of {@code incoming} into the stored series without writing anything, so a
   * multi-file import can check every series before it changes any. A caller that commits the plan
   * runs both in {@link #locked}, so no other writer changes the series in between.
   *
   * @throws io.liqopt.core.market.BarRejectedException on a conflicting duplicate
   */
  public SeriesMerge planMerge(BarSeries incoming) throws IOException {
    Optional<BarSeries> existing = readIfPresent(incoming.symbol(), incoming.interval());
    return existing
        .map(base -> SeriesMerge.of(base, incoming))
        .orElseGet(() -> new SeriesMerge(incoming, incoming.size(), 0));
  }

  /** Writes a planned merge (nothing when it adds no bar to an existing file), under the lock. */
  public void commit(SeriesMerge m, String source) throws IOException {
    locked(
        () -> {
          BarSeries s = m.series();
          boolean exists = contains(s.symbol(), s.interval());
          if (m.added() > 0 || !exists) {
            write(s, exists ? mergedSource(s, source) : source);
          }
          return null;
        });
  }

  private String mergedSource(BarSeries series, String source) throws IOException {
    String old =
        ParquetBarFile.readMetadata(pathOf(series.symbol(), series.interval()))
            .getOrDefault(ParquetBarFile.KEY_SOURCE, "");
    if (old.isEmpty() || old.equals(source)) {
      return source;
    }
    String joined = old + "; " + source;
    // keep the footer small: a long import history is summarised
    return joined.length() <= 2000 ? joined : joined.substring(joined.length() - 2000);
  }

  /** One stored series: its key and file. */
  public record Entry(String symbol, BarInterval interval, Path file) {}

  /** Every stored series, sorted by interval then symbol. */
  public List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    for (BarInterval interval : BarInterval.values()) {
      Path dir = root.resolve(interval.label());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        // only files named like a store symbol: a stray file must not break listing the rest
        files
            .map(f -> f.getFileName().toString())
            .filter(name -> name.endsWith(".parquet"))
            .map(name -> name.substring(0, name.length() - ".parquet".length()))
            .filter(symbol -> SYMBOL.matcher(symbol).matches())
            .sorted()
            .forEach(
                symbol -> out.add(new Entry(symbol, interval, dir.resolve(symbol + ".parquet"))));
      }
    }
    return out;
  }
}

package io.liqopt.serving.wal;

import io.liqopt.core.market.BarSeries;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Append-only, checksummed, fsynced log of bar batches; thread-safe (appends serialised). Each
 * append, of one batch or of several (one ingest request's series), is one record: durable, or cut
 * off, as a whole.
 *
 * <p>Segments are files {@code bars-<16-digit sequence>.wal} in one folder (record format in {@code
 * package-info}). The highest sequence is the active segment, which appends extend; lower ones are
 * sealed and never change until {@link #delete} removes them after compaction. The sequence
 * continues across restarts because the active segment is never deleted.
 *
 * <p>Recovery: a damaged record at the end of the active segment is a write torn by a crash, never
 * acknowledged, and is cut off. Damage anywhere else throws an {@link IOException} naming the file
 * and byte offset: acknowledged data is never dropped silently. The first append or seal after
 * {@link #open} checks the active segment the way {@link #replay} does, so that new records never
 * follow a torn one.
 *
 * <p>A failed append (a full disk, an I/O error, an interrupt, which closes a {@link FileChannel})
 * may leave part or all of its record in the file, never acknowledged. The log then cuts the active
 * segment back to the end of the last acknowledged record (reopening the channel if it was closed,
 * truncate, fsync): at once, and again before the next append, seal or replay if that failed, which
 * throw until it works. So once the disk has room again appends work again, and no record ever
 * follows the remains of a failed one. After a failed fsync the fate of the bytes it covered is
 * unknown; they are the failed record's own (earlier records were fsynced before it was written),
 * and the cut discards them. If the process dies before the cut, a failed record that reached the
 * file whole is replayed at the next start: as for any request that fails without an answer, its
 * outcome is then unknown to the client. One process at a time: {@link #open} takes a lock file in
 * the folder.
 */
public final class BarLog implements Closeable {
  private static final Pattern SEGMENT = Pattern.compile("bars-(\\d{16})\\.wal");
  private static final String LOCK_FILE = "bars.lock";
  private static final long FIRST_SEQUENCE = 1;

  private final Path dir;
  private final FileChannel lockChannel;
  private final SegmentOpener opener;
  private long activeSequence;
  private volatile ActiveSegment active;
  private boolean closed;

  private BarLog(Path dir, FileChannel lockChannel, SegmentOpener opener, long activeSequence)
      throws IOException {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.opener = opener;
    this.activeSequence = activeSequence;
    this.active = openSegment(activeSequence);
  }

  /**
   * Opens (creating the directory and an empty active segment if absent) the log in dir. Does not
   * replay.
   *
   * @throws IOException also when another process (or another open log in this JVM) holds it
   */
  public static BarLog open(Path dir) throws IOException {
    return open(dir, SegmentOpener.FILES);
  }

  /**
   * As {@link #open(Path)}, opening the segments with {@code opener}.
   *
   * @throws IOException also when another process (or another open log in this JVM) holds it
   */
  public static BarLog open(Path dir, SegmentOpener opener) throws IOException {
    Objects.requireNonNull(opener, "opener");
    Path folder = dir.toAbsolutePath().normalize();
    Files.createDirectories(folder);
    FileChannel lockChannel =
        FileChannel.open(
            folder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      lock(lockChannel, folder);
      List<Long> sequences = sequences(folder);
      long sequence = sequences.isEmpty() ? FIRST_SEQUENCE : sequences.get(sequences.size() - 1);
      return new BarLog(folder, lockChannel, opener, sequence);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
  }

  /** Takes the lock file's lock, held until the channel is closed. */
  private static void lock(FileChannel channel, Path dir) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IOException("bar log " + dir + " is already open");
    }
  }

  /**
   * Appends one batch (one symbol, one interval, >= 1 bars) as one record; see {@link
   * #append(List)}.
   */
  public void append(BarSeries bars) throws IOException {
    append(List.of(Objects.requireNonNull(bars, "bars")));
  }

  /**
   * Appends the batches (each one symbol, one interval, >= 1 bars) as ONE record, then
   * FileChannel.force(false); returns only when durable. After a failure nothing of the record
   * remains once the log has cut it (see the class comment).
   *
   * @throws IllegalArgumentException when there is no batch, a batch is empty, its symbol is not a
   *     valid store symbol or the batches exceed the record size limit (64 MiB)
   * @throws IllegalStateException when the log is closed
   * @throws IOException when the batches may not be durable: they must not be acknowledged
   */
  public synchronized void append(List<BarSeries> batches) throws IOException {
    byte[] record = BarRecord.encode(List.copyOf(batches));
    checkOpen();
    active.append(record);
  }

  /**
   * Every batch in the log, oldest first: sealed segments (in sequence order) then the active one.
   * Cuts a torn tail off the active segment (reported in {@link Replay#truncatedBytes}).
   *
   * @throws IOException naming the file and byte offset of a damaged record that is not a torn tail
   *     of the active segment, or of a record whose bars break the bar rules
   */
  public Replay replay() throws IOException {
    synchronized (this) {
      // under the lock: an append in flight must not look like a torn tail
      List<BarSeries> batches = new ArrayList<>();
      long records = 0;
      long bars = 0;
      for (Path file : sealedSegments()) {
        SegmentScan sealed = scanSealed(file);
        batches.addAll(sealed.batches());
        records += sealed.records();
        bars += sealed.bars();
      }
      checkOpen();
      active.recheck();
      SegmentScan scan = active.ready();
      batches.addAll(scan.batches());
      return new Replay(batches, records + scan.records(), bars + scan.bars(), scan.tornBytes());
    }
  }

  /**
   * What {@link #replay} found.
   *
   * @param batches every batch, oldest first
   * @param records number of records read (one per append, of one batch or several)
   * @param bars bars in all batches
   * @param truncatedBytes bytes of a torn write cut off the end of the active segment
   */
  public record Replay(List<BarSeries> batches, long records, long bars, long truncatedBytes) {
    public Replay {
      batches = List.copyOf(batches);
    }
  }

  /**
   * Rotates: the active segment becomes a sealed one, a new empty active segment is opened. Returns
   * the sealed segments now present (possibly from earlier seals not yet compacted), oldest first.
   * A seal of an empty active segment seals nothing new.
   */
  public synchronized List<Path> seal() throws IOException {
    checkOpen();
    active.ready();
    if (active.bytes() > 0) {
      long next = activeSequence + 1;
      ActiveSegment opened = openSegment(next);
      // from here the old segment is sealed: a higher sequence exists
      active.close();
      active = opened;
      activeSequence = next;
    }
    return sealedSegments();
  }

  /**
   * Reads the batches of the given sealed segments. Any damaged record, even at the end, is
   * corruption: a sealed segment was checked before it was sealed.
   *
   * @throws IOException naming the file and byte offset of a damaged or invalid record
   */
  public static List<BarSeries> read(List<Path> sealed) throws IOException {
    List<BarSeries> batches = new ArrayList<>();
    for (Path file : sealed) {
      batches.addAll(scanSealed(file).batches());
    }
    return batches;
  }

  private static SegmentScan scanSealed(Path file) throws IOException {
    return SegmentScan.of(file, Files.readAllBytes(file), false);
  }

  /**
   * Deletes sealed segments after they were compacted (fsyncs the directory). Segments already gone
   * are skipped.
   *
   * @throws IllegalArgumentException when a path is not a sealed segment of this log
   */
  public void delete(List<Path> sealed) throws IOException {
    long activeNow;
    synchronized (this) {
      activeNow = activeSequence;
    }
    for (Path file : sealed) {
      Path f = file.toAbsolutePath().normalize();
      Matcher m = SEGMENT.matcher(f.getFileName().toString());
      if (!dir.equals(f.getParent()) || !m.matches() || Long.parseLong(m.group(1)) >= activeNow) {
        throw new IllegalArgumentException(file + " is not a sealed segment of " + dir);
      }
    }
    for (Path file : sealed) {
      Files.deleteIfExists(file);
    }
    fsyncDirectory(dir);
  }

  /**
   * Bytes in the active segment. Right after {@link #open} a torn tail is counted until the first
   * append, seal or replay cuts it off.
   */
  public long activeBytes() {
    return active.bytes();
  }

  /**
   * Closes the active segment (cutting what a failed append left, see {@link ActiveSegment#close})
   * and releases the lock; idempotent.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      active.close();
    } finally {
      lockChannel.close(); // releases the lock
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("bar log " + dir + " is closed");
    }
  }

  /** The sealed segments present, oldest first. Caller holds the lock. */
  private List<Path> sealedSegments() throws IOException {
    List<Path> sealed = new ArrayList<>();
    for (long sequence : sequences(dir)) {
      if (sequence < activeSequence) {
        sealed.add(segment(dir, sequence));
      }
    }
    return sealed;
  }

  /** Sequences of the segment files in {@code dir}, ascending; other files are ignored. */
  private static List<Long> sequences(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> SEGMENT.matcher(f.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Long.parseLong(m.group(1)))
          .sorted()
          .toList();
    }
  }

  static Path segment(Path dir, long sequence) {
    return dir.resolve(String.format("bars-%016d.wal", sequence));
  }

  /** Opens (creating if absent, durably) a segment to extend. */
  private ActiveSegment openSegment(long sequence) throws IOException {
    Path file = segment(dir, sequence);
    boolean exists = Files.exists(file);
    ActiveSegment segment = new ActiveSegment(file, opener);
    if (!exists) {
      fsyncDirectory(dir);
    }
    return segment;
  }

  private static void fsyncDirectory(Path dir) {
    // Makes creations and deletions durable. Not every OS lets a directory be opened; there the
    // change is still made, only its durability waits for the next sync (as in AtomicFiles).
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // see above
    }
  }
}

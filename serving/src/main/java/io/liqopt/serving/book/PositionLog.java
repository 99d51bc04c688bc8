package io.liqopt.serving.book;

import io.liqopt.core.AtomicFiles;
import io.liqopt.core.CrashPoints;
import io.liqopt.core.position.PositionBook;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable form of a position book: a snapshot of the whole book ({@value #SNAPSHOT}) and the
 * write-ahead log of the PUTs and DELETEs since ({@code positions-<generation>.log}); layout in
 * {@code package-info}. Thread-safe (appends serialised); one process at a time (a lock file).
 *
 * <p>Guarantees, those of the bars' log: a write returns only once fsynced; a damaged record at the
 * end of the newest log is a write torn by a crash, never acknowledged, and is cut off at {@link
 * #recover}; damage anywhere else is refused with an {@link IOException} naming the file and byte
 * offset. A failed append is cut back off the file before anything else is written.
 *
 * <p>Snapshots: {@link #rotate} (the caller holding its writes still) starts the log of the next
 * generation and returns it; {@link #installSnapshot} then writes the snapshot of the book as it
 * was at the rotation atomically (temp file, fsync, rename), and only then deletes the older logs.
 * A crash between leaves the old snapshot and both logs, or the new snapshot and a log it covers:
 * {@link #recover} replays the logs of the snapshot's generation and newer, deleting older ones.
 *
 * <p>Crash points ({@link CrashPoints}): {@value #APPENDED} (a record written, before its fsync),
 * {@value #SYNCED} (fsynced, before the write is applied and answered), {@value #SNAPSHOT_RENAMED}
 * (a snapshot renamed into place, before the older logs are deleted).
 */
public final class PositionLog implements Closeable {
  public static final String APPENDED = "book.appended";
  public static final String SYNCED = "book.synced";
  public static final String SNAPSHOT_RENAMED = "book.snapshotRenamed";

  /** The snapshot's file name. */
  public static final String SNAPSHOT = "book.snapshot";

  private static final Logger LOG = LoggerFactory.getLogger(PositionLog.class);
  private static final Pattern LOG_FILE = Pattern.compile("positions-(\\d{16})\\.log");
  private static final String LOCK_FILE = "book.lock";

  private final Path dir;
  private final FileChannel lockChannel;
  private FileChannel active;
  private Path activeFile;
  private long generation;
  private long snapshotGeneration;
  private volatile long bytes;
  private boolean uncutFailure;
  private boolean closed;

  private PositionLog(Path dir, FileChannel lockChannel) {
    this.dir = dir;
    this.lockChannel = lockChannel;
  }

  /**
   * What {@link #recover} found.
   *
   * @param snapshotPositions positions in the snapshot (0 without one)
   * @param records log records replayed
   * @param tornBytes bytes of a torn write cut off the newest log
   * @param logs log files read
   */
  public record Recovery(long snapshotPositions, long records, long tornBytes, int logs) {}

  /**
   * Opens (creating it) the book's folder and takes its lock; {@link #recover} must come next.
   *
   * @throws IOException also when another process (or another log in this JVM) holds it
   */
  public static PositionLog open(Path dir) throws IOException {
    Path folder = dir.toAbsolutePath().normalize();
    Files.createDirectories(folder);
    FileChannel lock =
        FileChannel.open(
            folder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock held;
      try {
        held = lock.tryLock();
      } catch (OverlappingFileLockException e) {
        held = null;
      }
      if (held == null) {
        throw new IOException("position book " + folder + " is already open");
      }
      return new PositionLog(folder, lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Loads the snapshot and replays the logs after it into {@code book} (which must be empty), cuts
   * a torn tail off the newest log, deletes logs the snapshot covers, and opens the newest log for
   * appends. The caller rebases the book afterwards.
   *
   * @throws IOException in one line naming the file and byte offset of damage that is not a torn
   *     tail, or of a write the book refuses (e.g. in an asset the service no longer holds)
   */
  public synchronized Recovery recover(PositionBook book) throws IOException {
    if (active != null) {
      throw new IllegalStateException("position log " + dir + " was already recovered");
    }
    Path snap = dir.resolve(SNAPSHOT);
    snapshotGeneration = Files.exists(snap) ? BookSnapshot.read(snap, book) : 0;
    long first = Math.max(1, snapshotGeneration);
    long fromSnapshot = book.size();
    List<Long> generations = generations();
    for (long g : generations) {
      if (g < first) {
        Files.delete(logFile(g)); // covered by the snapshot: a crash came before its deletion
      }
    }
    List<Long> logs = generations.stream().filter(g -> g >= first).toList();
    long records = 0;
    LogScan last = null;
    for (int i = 0; i < logs.size(); i++) {
      if (logs.get(i) != first + i) {
        throw new IOException(
            "position log "
                + logFile(first + i)
                + " is missing ("
                + logFile(logs.get(i))
                + " is not)");
      }
      last = LogScan.of(logFile(logs.get(i)), book, i == logs.size() - 1);
      records += last.records();
    }
    openActive(
        logs.isEmpty() ? first : logs.get(logs.size() - 1), last == null ? 0 : last.validBytes());
    long torn = last == null ? 0 : last.tornBytes();
    if (torn > 0) {
      LOG.warn(
          "position log {}: cut {} bytes of a torn write at byte offset {} (never acknowledged)",
          activeFile,
          torn,
          last.validBytes());
    }
    AtomicFiles.syncDirectory(dir);
    return new Recovery(fromSnapshot, records, torn, logs.size());
  }

  /**
   * Appends a PUT and fsyncs it.
   *
   * @throws IOException when it may not be durable: it must not be acknowledged
   */
  public void put(String id, long version, List<String> symbols, double[] quantities, double debt)
      throws IOException {
    append(BookRecords.put(id, version, symbols, quantities, debt));
  }

  /** Appends a DELETE and fsyncs it; see {@link #put}. */
  public void remove(String id) throws IOException {
    append(BookRecords.delete(id));
  }

  private synchronized void append(byte[] record) throws IOException {
    checkOpen();
    if (uncutFailure) {
      cutFailedAppend();
    }
    long at = bytes;
    try {
      ByteBuffer b = ByteBuffer.wrap(record);
      while (b.hasRemaining()) {
        active.write(b, at + b.position());
      }
      CrashPoints.reach(APPENDED);
      active.force(false);
      CrashPoints.reach(SYNCED);
    } catch (IOException | RuntimeException e) {
      uncutFailure = true;
      try {
        cutFailedAppend();
      } catch (IOException | RuntimeException cut) {
        e.addSuppressed(cut);
      }
      throw e;
    }
    bytes = at + record.length;
  }

  /** Bytes of acknowledged records in the current log. */
  public long bytes() {
    return bytes;
  }

  /**
   * Starts the log of the next generation (the caller holds its writes still, so that the book it
   * snapshots next is exactly what the older logs hold).
   *
   * @return the generation the snapshot of the book as it is now must carry
   */
  public synchronized long rotate() throws IOException {
    checkOpen();
    if (uncutFailure) {
      cutFailedAppend();
    }
    FileChannel old = active;
    openActive(generation + 1, 0);
    AtomicFiles.syncDirectory(dir);
    old.close();
    return generation;
  }

  /**
   * Writes {@code snapshot} (of generation {@code snapshotGeneration}, from {@link #rotate})
   * atomically, then deletes the logs it covers.
   */
  public void installSnapshot(long snapshotGeneration, byte[] snapshot) throws IOException {
    AtomicFiles.write(dir.resolve(SNAPSHOT), snapshot);
    CrashPoints.reach(SNAPSHOT_RENAMED);
    synchronized (this) {
      this.snapshotGeneration = Math.max(this.snapshotGeneration, snapshotGeneration);
    }
    for (long g : generations()) {
      if (g < snapshotGeneration) {
        Files.deleteIfExists(logFile(g));
      }
    }
    AtomicFiles.syncDirectory(dir);
  }

  /**
   * Takes a snapshot of {@code book}, which must hold exactly what was appended (the caller holds
   * its writes still): {@link #rotate}, encode, {@link #installSnapshot}.
   */
  public void snapshot(PositionBook book) throws IOException {
    long g = rotate();
    installSnapshot(g, BookSnapshot.encode(g, book));
  }

  /** Whether the snapshot holds everything: it covers the current log, and that log is empty. */
  public synchronized boolean snapshotCurrent() {
    return bytes == 0 && snapshotGeneration == generation;
  }

  /** Closes the current log (cutting what a failed append left) and releases the lock. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (uncutFailure) {
        cutFailedAppend();
      }
    } finally {
      try {
        if (active != null) {
          active.close();
        }
      } finally {
        lockChannel.close();
      }
    }
  }

  /** Makes the log of generation {@code g} (created when absent) the one appends extend. */
  private void openActive(long g, long validBytes) throws IOException {
    Path file = logFile(g);
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (ch.size() > validBytes) {
        ch.truncate(validBytes);
        ch.force(true);
      }
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    active = ch;
    activeFile = file;
    generation = g;
    bytes = validBytes;
  }

  private void cutFailedAppend() throws IOException {
    try {
      if (!active.isOpen()) {
        active = FileChannel.open(activeFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
      }
      if (active.size() > bytes) {
        active.truncate(bytes);
      }
      active.force(true);
    } catch (IOException e) {
      throw new IOException(
          "position log "
              + activeFile
              + ": cannot cut a failed append back to byte offset "
              + bytes
              + ": "
              + e.getMessage(),
          e);
    }
    uncutFailure = false;
  }

  private void checkOpen() {
    if (closed || active == null) {
      throw new IllegalStateException(
          "position log " + dir + (closed ? " is closed" : " is not recovered yet"));
    }
  }

  private List<Long> generations() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> LOG_FILE.matcher(f.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Long.parseLong(m.group(1)))
          .sorted()
          .toList();
    }
  }

  private Path logFile(long g) {
    return dir.resolve(String.format("positions-%016d.log", g));
  }
}

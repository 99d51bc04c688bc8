package io.liqopt.serving.wal;

import io.liqopt.core.CrashPoints;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment a {@link BarLog}'s appends extend: knows where its last acknowledged record ends,
 * checks its tail once after it is opened (cuts a torn write, refuses corruption), and after a
 * failed append cuts the file back to that end before anything else is written (the {@link BarLog}
 * class comment says why this is safe). Not thread-safe: the log serialises its use.
 */
final class ActiveSegment implements Closeable {
  /** The log's logger: what happens to a segment is the log's story. */
  private static final Logger LOG = LoggerFactory.getLogger(BarLog.class);

  private static final SegmentScan NOTHING_READ = new SegmentScan(List.of(), 0, 0, 0, 0);

  private final Path file;
  private final SegmentOpener opener;
  private FileChannel channel;

  /** The end of the last acknowledged record once the tail is checked; the file's size before. */
  private volatile long bytes;

  /** Whether the tail has been checked since the segment was opened or {@link #recheck} called. */
  private boolean tailChecked;

  /** Whether a failed append may have left bytes after {@link #bytes}, not yet cut. */
  private boolean uncutFailure;

  /** Opens (creating when absent) {@code file} with {@code opener}. */
  ActiveSegment(Path file, SegmentOpener opener) throws IOException {
    this.file = file;
    this.opener = opener;
    this.channel = opener.open(file);
    this.bytes = channel.size();
  }

  /** Bytes of acknowledged records (before the first check: the file's size). Any thread. */
  long bytes() {
    return bytes;
  }

  /** Asks the next {@link #ready} to read the whole segment again. */
  void recheck() {
    tailChecked = false;
  }

  /**
   * Makes the segment ready to extend: cuts what a failed append left, reopens a channel an
   * interrupt closed, and, once after it is opened or {@link #recheck}, reads the segment: cuts a
   * torn tail (logging a warning) and throws on corruption.
   *
   * @return what was read: every record when the segment was read now, else nothing
   * @throws IOException when the segment cannot be cut or is corrupt
   */
  SegmentScan ready() throws IOException {
    if (uncutFailure) {
      cutFailedAppend();
    }
    reopenIfClosed();
    if (tailChecked) {
      return NOTHING_READ;
    }
    SegmentScan scan = SegmentScan.of(file, Files.readAllBytes(file), true);
    if (scan.tornBytes() > 0) {
      LOG.warn(
          "bar log {}: cut {} bytes of a torn write at byte offset {} (never acknowledged)",
          file,
          scan.tornBytes(),
          scan.validBytes());
      channel.truncate(scan.validBytes());
      channel.force(true);
    }
    bytes = scan.validBytes();
    tailChecked = true;
    return scan;
  }

  /**
   * Writes {@code record} after the last acknowledged one and fsyncs it; on failure cuts it off
   * again (at once, or in the next {@link #ready} when the cut fails or the thread is interrupted).
   *
   * @throws IOException when the record may not be durable
   */
  void append(byte[] record) throws IOException {
    ready();
    long position = bytes;
    try {
      ByteBuffer buffer = ByteBuffer.wrap(record);
      while (buffer.hasRemaining()) {
        channel.write(buffer, position + buffer.position());
      }
      CrashPoints.reach(CrashPoints.WAL_APPENDED);
      channel.force(false);
      CrashPoints.reach(CrashPoints.WAL_SYNCED);
    } catch (IOException | RuntimeException e) {
      uncutFailure = true;
      if (!Thread.currentThread().isInterrupted()) { // an interrupted thread's channel closes
        try {
          cutFailedAppend();
        } catch (IOException | RuntimeException cut) {
          e.addSuppressed(cut);
        }
      }
      throw e;
    }
    bytes = position + record.length;
  }

  /**
   * Cuts what a failed append left, if not yet done (a warning when that fails: the next open keeps
   * a whole record, cuts a torn one), and closes the channel.
   */
  @Override
  public void close() throws IOException {
    try {
      if (uncutFailure) {
        cutFailedAppend();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("bar log {}: {}", file, e.getMessage());
    } finally {
      channel.close();
    }
  }

  /**
   * Cuts the file back to the end of the last acknowledged record, durably.
   *
   * @throws IOException naming the segment when it cannot; the cut is tried again next time
   */
  private void cutFailedAppend() throws IOException {
    try {
      reopenIfClosed();
      if (channel.size() > bytes) {
        channel.truncate(bytes);
      }
      channel.force(true);
    } catch (IOException e) {
      throw new IOException(
          "bar log "
              + file
              + ": cannot cut a failed append back to byte offset "
              + bytes
              + ": "
              + e.getMessage(),
          e);
    }
    uncutFailure = false;
  }

  private void reopenIfClosed() throws IOException {
    if (!channel.isOpen()) {
      channel = opener.open(file);
    }
  }
}

package io.liqopt.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named crash points for the fault-injection trials: {@link #reach} halts the JVM ({@link
 * Runtime#halt}: no shutdown hook, nothing flushed or closed, so for our files the same as {@code
 * kill -9}) with status {@value #EXIT_STATUS} when the system property {@code liqopt.crashAt} names
 * the point, on the N-th time it is reached with {@code liqopt.crashAtHit=N} (default 1). Unset, it
 * costs one null check per call: the properties are read once.
 *
 * <p>The points, in the order a bar or a file goes through them:
 *
 * <ul>
 *   <li>{@value #WAL_APPENDED}: a write-ahead log record written, before its fsync
 *   <li>{@value #WAL_SYNCED}: the record fsynced, before the ingest is acknowledged
 *   <li>{@value #FILE_SYNCED}: any atomic write ({@link AtomicFiles}: store files, bundle files,
 *       governor state, reports) with its temporary file written and synced, before the rename
 *   <li>{@value #STORE_WRITTEN}: a market-store Parquet file written to its temporary file and
 *       synced, before the rename (the log compaction, and with a hit count above 1 a data import
 *       between two of its series: mid-write of the store)
 *   <li>{@value #COMPACTION_STORED}: a log compaction's store files renamed into place, before the
 *       compacted segments are deleted
 *   <li>{@value #GOVERNOR_SYNCED}: a governor-state save synced into its slot, before the snapshot
 *       is published
 *   <li>{@value #BUNDLE_FILES_WRITTEN}: a bundle's model files written into its temporary folder,
 *       before its manifest (a partial bundle folder)
 *   <li>{@value #BUNDLE_MOVED}: a complete bundle renamed into place, before {@code LATEST} names
 *       it
 * </ul>
 *
 * <p>The service's position book names three more, in {@code serving.book.PositionLog}: {@code
 * book.appended} (a book record written, before its fsync), {@code book.synced} (fsynced, before
 * the write is acknowledged) and {@code book.snapshotRenamed} (a snapshot in place, before the
 * older logs are deleted).
 *
 * <p>Thread-safe. The hit counter is the one piece of mutable static state: a test hook that counts
 * only while a point is armed.
 */
public final class CrashPoints {
  /** The exit status of a halt at a crash point: tells it apart from a failure or a kill. */
  public static final int EXIT_STATUS = 86;

  public static final String WAL_APPENDED = "wal.appended";
  public static final String WAL_SYNCED = "wal.synced";
  public static final String FILE_SYNCED = "file.synced";
  public static final String STORE_WRITTEN = "store.written";
  public static final String COMPACTION_STORED = "compaction.stored";
  public static final String GOVERNOR_SYNCED = "governor.synced";
  public static final String BUNDLE_FILES_WRITTEN = "bundle.filesWritten";
  public static final String BUNDLE_MOVED = "bundle.moved";

  /** The armed point, or null (the normal case). */
  private static final String ARMED = System.getProperty("liqopt.crashAt");

  private static final int ARMED_HIT = Integer.getInteger("liqopt.crashAtHit", 1);

  private static final AtomicInteger HITS = new AtomicInteger();

  private CrashPoints() {}

  /** Halts the JVM when {@code name} is the armed point and this is the armed hit of it. */
  public static void reach(String name) {
    if (ARMED != null && ARMED.equals(name) && HITS.incrementAndGet() == ARMED_HIT) {
      System.err.println("liqopt: crash point " + name + " reached (hit " + ARMED_HIT + ")");
      System.err.flush();
      Runtime.getRuntime().halt(EXIT_STATUS);
    }
  }
}

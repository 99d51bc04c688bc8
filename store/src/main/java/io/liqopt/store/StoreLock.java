package io.liqopt.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock a writer of a {@link MarketStore} holds for one write (a read-modify-write of one or
 * more series, {@link #call}), never for a process's life: an OS file lock on {@code
 * <data>/}{@value #FILE_NAME} keeps other processes out ({@link FileChannel#tryLock}, polled until
 * the timeout), and an in-process {@link ReentrantLock} per lock file orders this JVM's own writers
 * in front of it, because a JVM holds file locks per process and refuses a second, overlapping one
 * ({@link OverlappingFileLockException}).
 *
 * <p>Reentrant for a thread: a nested {@link #call} runs at once, and only the outermost one
 * releases the file lock. The lock file is never deleted (deleting it would let two writers lock
 * two different files); it holds the holder's process id, for the error message of a writer that
 * waits in vain. Readers take no lock: every store file is replaced atomically.
 *
 * <p>Thread-safe.
 */
public final class StoreLock {
  /** The lock file's name in the data folder. */
  public static final String FILE_NAME = "market.lock";

  /** How long a writer waits for the lock unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Pause between two attempts at the file lock. */
  private static final long POLL_MS = 50;

  /**
   * One in-process lock per lock file, for the whole JVM: file locks belong to the process, so the
   * threads that share them must share one guard too, whatever {@link MarketStore} they use.
   */
  private static final ConcurrentMap<Path, Guard> GUARDS = new ConcurrentHashMap<>();

  private final Path file;
  private final Duration timeout;

  /**
   * @param file the lock file (created when absent, with its folder)
   * @param timeout how long {@link #acquire} waits; zero tries once
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  public StoreLock(Path file, Duration timeout) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("lock timeout must not be negative, was " + timeout);
    }
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  public Duration timeout() {
    return timeout;
  }

  /** A write done under the lock. */
  @FunctionalInterface
  public interface Write<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code write} holding the lock and returns its result; the lock is released when it
   * returns or throws. Waits up to the timeout, first for this JVM's other writers, then for other
   * processes; a nested call by the holding thread runs at once.
   *
   * @throws StoreLockedException when another writer still holds the lock at the timeout; {@code
   *     write} did not run
   * @throws InterruptedIOException when the thread is interrupted while it waits
   */
  public <T> T call(Write<T> write) throws IOException {
    Guard guard = acquire();
    try {
      return write.run();
    } finally {
      release(guard);
    }
  }

  private Guard acquire() throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Guard guard = GUARDS.computeIfAbsent(file, f -> new Guard());
    try {
      if (!guard.threads.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw locked("another thread of this process");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the lock " + file);
    }
    try {
      if (guard.threads.getHoldCount() == 1) {
        guard.fileLock = lockFile(deadline);
      }
    } catch (IOException | RuntimeException e) {
      guard.threads.unlock();
      throw e;
    }
    return guard;
  }

  /** Releases one hold of the calling thread, the file lock with the outermost one. */
  private static void release(Guard guard) throws IOException {
    try {
      if (guard.threads.getHoldCount() == 1) {
        FileLock lock = guard.fileLock;
        guard.fileLock = null;
        lock.acquiredBy().close(); // releases the file lock
      }
    } finally {
      guard.threads.unlock();
    }
  }

  /** Polls the file lock until {@code deadline}; the caller holds the in-process lock. */
  private FileLock lockFile(long deadline) throws IOException {
    Files.createDirectories(file.getParent());
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          channel.truncate(0);
          String holder = "pid " + ProcessHandle.current().pid() + "\n";
          channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
          return lock;
        }
        if (System.nanoTime() - deadline >= 0) {
          throw locked(holder());
        }
        Thread.sleep(POLL_MS);
      }
    } catch (InterruptedException e) {
      channel.close();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the lock " + file);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // this JVM holds it through another path to the same file: wait as for another process
      return null;
    }
  }

  /** Who holds the lock, as far as the file says (it may not be readable while locked). */
  private String holder() {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "another writer" : "another writer (" + text + ")";
    } catch (IOException e) {
      return "another writer";
    }
  }

  private StoreLockedException locked(String holder) {
    String waited = BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString();
    return new StoreLockedException(
        "the market store is locked by "
            + holder
            + ": gave up after "
            + waited
            + " s waiting for "
            + file
            + "; a 'liqopt data' command or a running 'liqopt serve' compacting its log is writing"
            + " the store: retry when it has finished");
  }

  /** The in-process lock of one lock file and, while a thread holds it, the file lock. */
  private static final class Guard {
    final ReentrantLock threads = new ReentrantLock();

    /** Guarded by {@link #threads}; held while its hold count is positive. */
    FileLock fileLock;
  }
}

package io.liqopt.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Crash-safe file replacement: write a temporary file in the target's folder, fsync it, rename it
 * over the target, fsync the folder. A crash at any point leaves either the old file or the new
 * one, never a torn file. A failed write (a full disk) leaves the old file and no temporary one.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file at the given (temporary) path. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(Path temp) throws IOException;
  }

  /** Replaces {@code target} with what {@code writer} writes. */
  public static void write(Path target, Writer writer) throws IOException {
    write(target, writer, () -> {});
  }

  /**
   * Replaces {@code target} with the given bytes, written through a stream that an interrupt of the
   * calling thread cannot close half-way (unlike a file channel).
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, bytes(bytes, FileSink.FILES));
  }

  /** A writer of {@code content} through {@code sink} (the file system or a test's failing one). */
  public static Writer bytes(byte[] content, FileSink sink) {
    return temp -> {
      try (java.io.OutputStream out = sink.create(temp)) {
        out.write(content);
      }
    };
  }

  /**
   * As {@link #write(Path, Writer)}, running {@code beforeRename} after the temporary file is
   * durable and before it replaces the target (tests use it to simulate a crash there).
   */
  public static void write(Path target, Writer writer, IoAction beforeRename) throws IOException {
    // a file channel closes itself when its thread is interrupted: a write begun by a thread being
    // stopped (a cancelled background task saving its state) would fail half-way, so an interrupt
    // already pending waits until the file is in place, and the temporary file is synced through
    // its descriptor, which an interrupt arriving meanwhile cannot close
    boolean interrupted = Thread.interrupted();
    try {
      replace(target, writer, beforeRename);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void replace(Path target, Writer writer, IoAction beforeRename)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp =
        dir.resolve(
            "."
                + target.getFileName()
                + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    boolean done = false;
    try {
      try {
        writer.writeTo(temp);
        try (java.io.FileOutputStream sync = new java.io.FileOutputStream(temp.toFile(), true)) {
          sync.getFD().sync();
        }
      } catch (IOException e) {
        // one line naming the file (a full disk says only "No space left on device"); the old
        // file is untouched and the temporary one is deleted below
        throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
      }
      CrashPoints.reach(CrashPoints.FILE_SYNCED);
      beforeRename.run();
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("file system cannot rename atomically in " + dir, e);
      }
      done = true;
      fsyncDirectory(dir);
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Forces every regular file under {@code dir} and then every folder (deepest first) to disk: a
   * folder of files written by other libraries (a bundle's models) made durable before it is
   * renamed into place.
   */
  public static void syncTree(Path dir) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.sorted(Comparator.reverseOrder()).toList(); // children before their folder
    }
    for (Path p : all) {
      if (Files.isRegularFile(p)) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      } else if (Files.isDirectory(p)) {
        fsyncDirectory(p);
      }
    }
  }

  /**
   * Deletes {@code dir} and everything under it, children before their folder; nothing when it does
   * not exist. Used for the temporary folders a bundle or a replay is built in before it is renamed
   * into place (or abandoned).
   */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.sorted(Comparator.reverseOrder()).toList(); // children before their folder
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }

  /** Makes renames in {@code dir} durable (where the OS lets a folder be opened). */
  public static void syncDirectory(Path dir) {
    fsyncDirectory(dir);
  }

  private static void fsyncDirectory(Path dir) {
    // Makes the rename itself durable. Not every OS lets a directory be opened; where it cannot,
    // the rename is still atomic, only its durability waits for the next sync.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // see above
    }
  }

  /** An action that may fail with an IOException. */
  @FunctionalInterface
  public interface IoAction {
    void run() throws IOException;
  }
}

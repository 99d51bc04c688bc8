package io.liqopt.core;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * How crash-safe writes ({@link AtomicFiles}, the store's Parquet files, bundle manifests, governor
 * state) open the temporary file they write: created or truncated, through a stream. Production
 * uses {@link #FILES}; tests pass sinks that fail as a full disk does.
 */
@FunctionalInterface
public interface FileSink {
  /**
   * Opens files on the file system with a {@link FileOutputStream}, which an interrupt of the
   * writing thread cannot close half-way (unlike a file channel).
   */
  FileSink FILES = file -> new FileOutputStream(file.toFile());

  /** Opens {@code file} for writing from its start, creating it when absent. */
  OutputStream create(Path file) throws IOException;
}

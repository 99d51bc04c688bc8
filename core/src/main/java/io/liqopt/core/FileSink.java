package io.liqopt.core;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
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
  FileSink FILES =
      new FileSink() {
        @Override
        public OutputStream create(Path file) throws IOException {
          return new FileOutputStream(file.toFile());
        }

        @Override
        public OutputStream overwrite(Path file) throws IOException {
          RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw");
          try {
            return new FileOutputStream(f.getFD()) {
              @Override
              public void close() throws IOException {
                f.close();
              }
            };
          } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
          }
        }
      };

  /** Opens {@code file} for writing from its start, creating it when absent. */
  OutputStream create(Path file) throws IOException;

  /**
   * Opens the existing {@code file} for writing from its start without truncating it: bytes past
   * those written stay, and a write of the same length leaves the file's size, hence its metadata,
   * as they were. By default {@link #create} (sinks that fail as a full disk does).
   */
  default OutputStream overwrite(Path file) throws IOException {
    return create(file);
  }
}

package io.liqopt.store;

import io.liqopt.core.FileSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} written through a {@link FileSink}, so the store's files go through
 * the same seam as every other crash-safe write (tests pass a sink that fails as a full disk does).
 */
final class SinkOutputFile implements OutputFile {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path file;
  private final FileSink sink;

  SinkOutputFile(Path file, FileSink sink) {
    this.file = file;
    this.sink = sink;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return createOrOverwrite(blockSizeHint);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    OutputStream out = new BufferedOutputStream(sink.create(file), BUFFER_BYTES);
    return new PositionOutputStream() {
      private long pos;

      @Override
      public long getPos() {
        return pos;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        pos++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        pos += len;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return file.toString();
  }
}

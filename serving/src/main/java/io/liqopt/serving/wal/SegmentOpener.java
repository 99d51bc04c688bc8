package io.liqopt.serving.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How a {@link BarLog} opens its segment files: for reading and writing, created when absent. The
 * service uses {@link #FILES}; tests pass openers whose channels fail on purpose.
 */
@FunctionalInterface
public interface SegmentOpener {
  /** Opens segments on the file system. */
  SegmentOpener FILES =
      file ->
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

  FileChannel open(Path segment) throws IOException;
}

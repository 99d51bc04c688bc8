package io.liqopt.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Folder trees in tests: copying a bundle or a models folder before changing the copy. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Copies every folder and file below {@code from} (itself included) to the same relative paths
   * below {@code to}, byte for byte.
   *
   * @throws java.nio.file.FileAlreadyExistsException if a file already exists at its target
   */
  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}

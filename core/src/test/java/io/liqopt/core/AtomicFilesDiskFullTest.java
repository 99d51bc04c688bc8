package io.liqopt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk during an atomic write: a one-line error naming the file, the old file intact, no
 * temporary file left, and the next write works once there is space again.
 */
class AtomicFilesDiskFullTest {
  @TempDir Path dir;

  @Test
  void diskFullMidWrite_oneLineError_oldFileKept_noTemporaryFile_thenWorksAgain()
      throws IOException {
    Path target = dir.resolve("state.json");
    AtomicFiles.write(target, "old".getBytes(StandardCharsets.UTF_8));
    DiskFull disk = DiskFull.after(10);
    byte[] big = "x".repeat(1000).getBytes(StandardCharsets.UTF_8);

    IOException e =
        assertThrows(
            IOException.class, () -> AtomicFiles.write(target, AtomicFiles.bytes(big, disk)));

    assertEquals("cannot write " + target + ": " + DiskFull.MESSAGE, e.getMessage());
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), files());
    disk.free();
    AtomicFiles.write(target, AtomicFiles.bytes(big, disk));
    assertEquals(1000, Files.size(target));
    assertEquals(List.of(target), files());
  }

  @Test
  void crashPoints_unarmed_reachIsANoOp() {
    // the trials arm a point in a child JVM; here none is armed, so reaching one returns
    assertTrue(System.getProperty("liqopt.crashAt") == null);
    CrashPoints.reach(CrashPoints.FILE_SYNCED);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}

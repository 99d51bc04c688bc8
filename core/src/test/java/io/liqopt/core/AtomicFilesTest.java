package io.liqopt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic replacement survives the caller's interrupt, before or during the write. */
class AtomicFilesTest {
  @TempDir Path dir;

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void interruptPendingBeforeTheWrite_fileReplaced_interruptKept() throws IOException {
    Path target = dir.resolve("state.json");
    Thread.currentThread().interrupt();
    AtomicFiles.write(target, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is restored");
    assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
  }

  @Test
  void interruptArrivingDuringTheWrite_fileStillSyncedAndReplaced() throws IOException {
    Path target = dir.resolve("state.json");
    Files.writeString(target, "old");
    AtomicFiles.write(
        target,
        temp -> {
          try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
            out.write("new".getBytes(StandardCharsets.UTF_8));
          }
          Thread.currentThread().interrupt(); // as a scheduler's shutdownNow would, mid-save
        });
    assertTrue(Thread.currentThread().isInterrupted());
    assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
    try (var files = Files.list(dir)) {
      assertTrue(files.allMatch(p -> p.equals(target)), "no temporary file left");
    }
  }

  @Test
  void syncTree_nestedFolder_everyFileKept() throws java.io.IOException {
    Path nested = java.nio.file.Files.createDirectories(dir.resolve("a/b"));
    java.nio.file.Files.writeString(dir.resolve("top.txt"), "top");
    java.nio.file.Files.writeString(nested.resolve("deep.bin"), "deep");
    AtomicFiles.syncTree(dir);
    AtomicFiles.syncDirectory(dir);
    org.junit.jupiter.api.Assertions.assertEquals(
        "deep", java.nio.file.Files.readString(nested.resolve("deep.bin")));
    org.junit.jupiter.api.Assertions.assertEquals(
        "top", java.nio.file.Files.readString(dir.resolve("top.txt")));
  }

  @Test
  void deleteTree_removesEveryLevel_andAMissingFolderIsNothing() throws IOException {
    Path root = dir.resolve("bundle.tmp");
    Files.createDirectories(root.resolve("a/b/c"));
    Files.writeString(root.resolve("top.json"), "{}");
    Files.writeString(root.resolve("a/b/c/deep.bin"), "x");
    Files.writeString(root.resolve("a/mid.txt"), "y");
    AtomicFiles.deleteTree(root);
    assertTrue(Files.notExists(root), "the folder itself is gone");
    assertTrue(Files.exists(dir), "its parent is kept");
    AtomicFiles.deleteTree(root); // already gone: no error
  }
}

package io.liqopt.serving.wal;

import static io.liqopt.serving.wal.Batches.assertSameBatches;
import static io.liqopt.serving.wal.Batches.hourly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.liqopt.core.market.BarSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * After a failed append (a full disk, a failed fsync) nothing of it is acknowledged or kept: the
 * log cuts the segment back to the last acknowledged record, appends work again once the disk does,
 * and a restart replays exactly the acknowledged records, once each. One append of several batches
 * is one record, kept or lost as a whole.
 */
class BarLogFailureTest {
  private static final BarSeries A = hourly("BTCUSDT", 0, 3);
  private static final BarSeries B = hourly("BTCUSDT", 3, 2);
  private static final BarSeries C = hourly("ETHUSDT", 0, 4);

  @TempDir Path dir;
  private final DiskFaults disk = new DiskFaults();
  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
  private final Logger barLogLogger = (Logger) LoggerFactory.getLogger(BarLog.class);

  @BeforeEach
  void captureWarnings() {
    barLogLogger.setAdditive(false);
    barLogLogger.addAppender(warnings);
    warnings.start();
  }

  @AfterEach
  void restoreLogger() {
    barLogLogger.detachAppender(warnings);
    barLogLogger.setAdditive(true);
  }

  /** Reopens the folder on a healthy disk and replays it. */
  private BarLog.Replay restart() throws IOException {
    try (BarLog log = BarLog.open(dir)) {
      return log.replay();
    }
  }

  private long segmentBytes() throws IOException {
    return Files.size(BarLog.segment(dir, 1));
  }

  @Test
  void append_diskFullMidRecord_cutAtOnce_appendsWorkAgainOnceThereIsRoom() throws IOException {
    try (BarLog log = BarLog.open(dir, disk)) {
      log.append(A);
      long acknowledged = log.activeBytes();
      disk.diskFull(10);
      IOException full = assertThrows(IOException.class, () -> log.append(B));
      assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
      assertEquals(acknowledged, segmentBytes(), "the 10 bytes written were cut off");
      assertThrows(IOException.class, () -> log.append(B), "still full");
      disk.healed();
      log.append(C);
      assertSameBatches(List.of(A, C), log.replay().batches());
    }
    BarLog.Replay r = restart();
    assertSameBatches(List.of(A, C), r.batches());
    assertEquals(2, r.records());
    assertEquals(0, r.truncatedBytes());
  }

  @Test
  void append_fsyncFails_wholeRecordWrittenButCutOff_notReplayed() throws IOException {
    try (BarLog log = BarLog.open(dir, disk)) {
      log.append(A);
      long acknowledged = log.activeBytes();
      disk.fsyncFails(true);
      assertThrows(IOException.class, () -> log.append(B));
      // the whole record reached the file; unacknowledged, it must not stay there
      assertEquals(acknowledged, log.activeBytes());
      disk.healed();
      log.append(C);
    }
    BarLog.Replay r = restart();
    assertSameBatches(List.of(A, C), r.batches());
    assertEquals(2, r.records());
  }

  @Test
  void append_cutFailsToo_refusedUntilTheDiskWorks_thenCutFirst() throws IOException {
    try (BarLog log = BarLog.open(dir, disk)) {
      log.append(A);
      long acknowledged = log.activeBytes();
      disk.diskFull(20);
      disk.truncateFails(true);
      IOException first = assertThrows(IOException.class, () -> log.append(B));
      assertEquals(1, first.getSuppressed().length, "the failed cut rides along");
      assertEquals(acknowledged + 20, segmentBytes(), "the cut failed: the torn bytes are there");
      disk.room();
      IOException refused = assertThrows(IOException.class, () -> log.append(C));
      assertTrue(
          refused
              .getMessage()
              .contains("cannot cut a failed append back to byte offset " + acknowledged),
          refused.getMessage());
      assertEquals(acknowledged + 20, segmentBytes(), "C was not written after the torn bytes");
      assertThrows(IOException.class, log::seal);
      assertThrows(IOException.class, log::replay);
      disk.healed();
      log.append(C);
      assertSameBatches(List.of(A, C), log.replay().batches());
    }
    assertSameBatches(List.of(A, C), restart().batches());
  }

  @Test
  void close_cutStillFailing_restartCutsTheTornRecord() throws IOException {
    long acknowledged;
    try (BarLog log = BarLog.open(dir, disk)) {
      log.append(A);
      acknowledged = log.activeBytes();
      disk.diskFull(30);
      disk.truncateFails(true);
      assertThrows(IOException.class, () -> log.append(B));
    } // as if the process died before the cut
    assertTrue(
        warnings.list.stream().anyMatch(e -> e.getFormattedMessage().contains("cannot cut")),
        warnings.list.toString());
    BarLog.Replay r = restart();
    assertSameBatches(List.of(A), r.batches());
    assertEquals(30, r.truncatedBytes());
    assertEquals(acknowledged, segmentBytes());
  }

  @Test
  void append_severalBatches_tornAnywhereInTheRecord_noneOfThemReplayed() throws IOException {
    long recordBytes;
    try (BarLog log = BarLog.open(dir)) {
      log.append(A);
      long before = log.activeBytes();
      log.append(List.of(B, C));
      recordBytes = log.activeBytes() - before;
    }
    Files.delete(BarLog.segment(dir, 1));
    for (long room : new long[] {0, 1, BarRecord.HEADER_BYTES, recordBytes / 2, recordBytes - 1}) {
      try (BarLog log = BarLog.open(dir, disk)) {
        disk.diskFull(room);
        disk.truncateFails(true); // the torn bytes stay for the restart to find
        assertThrows(IOException.class, () -> log.append(List.of(B, C)), "room " + room);
      }
      disk.healed();
      BarLog.Replay r = restart();
      assertEquals(0, r.records(), "room " + room);
      assertEquals(room, r.truncatedBytes(), "room " + room);
    }
  }
}

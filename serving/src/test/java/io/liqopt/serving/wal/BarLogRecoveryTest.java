package io.liqopt.serving.wal;

import static io.liqopt.serving.wal.Batches.assertSameBatches;
import static io.liqopt.serving.wal.Batches.hourly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.Bars;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Torn writes are cut off the active segment; any other damage is an error naming the offset. */
class BarLogRecoveryTest {
  private static final List<BarSeries> BATCHES =
      List.of(
          hourly("BTCUSDT", 0, 3),
          Batches.withoutQuoteVolume("ETHUSDT", 0, 2),
          hourly("BTCUSDT", 3, 1));

  @TempDir Path dir;
  private Path active;

  /** Byte offset of each record of {@link #BATCHES}, then the file length. */
  private long[] starts;

  private byte[] whole;
  private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
  private final Logger barLogLogger = (Logger) LoggerFactory.getLogger(BarLog.class);

  @BeforeEach
  void writeThreeRecords() throws IOException {
    // keeps the hundreds of expected warnings off the console, and lets tests read them
    barLogLogger.setAdditive(false);
    barLogLogger.addAppender(warnings);
    warnings.start();
    starts = new long[BATCHES.size() + 1];
    try (BarLog log = BarLog.open(dir)) {
      for (int i = 0; i < BATCHES.size(); i++) {
        starts[i] = log.activeBytes();
        log.append(BATCHES.get(i));
      }
      starts[BATCHES.size()] = log.activeBytes();
    }
    active = BarLog.segment(dir, 1);
    whole = Files.readAllBytes(active);
  }

  @AfterEach
  void restoreLogger() {
    barLogLogger.detachAppender(warnings);
    barLogLogger.setAdditive(true);
  }

  @Test
  void replay_cutAtEveryOffsetInsideLastRecord_earlierBatchesKeptAndTailTruncated()
      throws IOException {
    int last = (int) starts[2];
    for (int cut = last + 1; cut < whole.length; cut++) {
      Files.write(active, Arrays.copyOf(whole, cut));
      try (BarLog log = BarLog.open(dir)) {
        BarLog.Replay r = log.replay();
        assertSameBatches(BATCHES.subList(0, 2), r.batches());
        assertEquals(cut - last, r.truncatedBytes(), "cut at " + cut);
        assertEquals(last, Files.size(active));
        assertEquals(last, log.activeBytes());
        // the truncation is durable and the log goes on
        log.append(BATCHES.get(2));
      }
      try (BarLog log = BarLog.open(dir)) {
        BarLog.Replay r = log.replay();
        assertSameBatches(BATCHES, r.batches());
        assertEquals(0, r.truncatedBytes());
      }
    }
    assertEquals(whole.length - last - 1, warnings.list.size());
    ILoggingEvent w = warnings.list.get(0);
    assertEquals(Level.WARN, w.getLevel());
    assertTrue(w.getFormattedMessage().contains("offset " + last), w.getFormattedMessage());
  }

  @Test
  void append_beforeReplayOnTornTail_cutsTheTailFirst() throws IOException {
    int last = (int) starts[2];
    for (int cut = last + 1; cut < whole.length; cut++) {
      Files.write(active, Arrays.copyOf(whole, cut));
      try (BarLog log = BarLog.open(dir)) {
        log.append(BATCHES.get(2));
        assertSameBatches(BATCHES, log.replay().batches());
      }
    }
  }

  @Test
  void replay_checksumFailsInLastRecord_treatedAsTornWrite() throws IOException {
    flipBit(active, (int) starts[2] + 20, 3);
    try (BarLog log = BarLog.open(dir)) {
      BarLog.Replay r = log.replay();
      assertSameBatches(BATCHES.subList(0, 2), r.batches());
      assertEquals(whole.length - starts[2], r.truncatedBytes());
    }
  }

  @Test
  void replay_zeroFilledTail_truncated() throws IOException {
    Files.write(active, new byte[100], StandardOpenOption.APPEND);
    try (BarLog log = BarLog.open(dir)) {
      BarLog.Replay r = log.replay();
      assertSameBatches(BATCHES, r.batches());
      assertEquals(100, r.truncatedBytes());
      assertEquals(whole.length, Files.size(active));
    }
  }

  @Test
  void replay_bitFlipAnywhereInMiddleRecord_failsNamingFileAndOffset() throws IOException {
    int middle = (int) starts[1];
    for (int at = middle; at < starts[2]; at++) {
      Files.write(active, whole);
      flipBit(active, at, at % 8);
      try (BarLog log = BarLog.open(dir)) {
        IOException e = assertThrows(IOException.class, log::replay, "flip at " + at);
        assertTrue(
            e.getMessage().contains(active.getFileName().toString())
                && e.getMessage().contains("byte offset " + middle),
            e.getMessage());
        assertThrows(
            IOException.class, () -> log.append(BATCHES.get(0)), "no append after corruption");
      }
      assertEquals(whole.length, Files.size(active), "acknowledged data is never cut");
    }
  }

  @Test
  void replay_garbageLengthInMiddle_failsWithoutAllocating() throws IOException {
    ByteBuffer.wrap(whole).putInt((int) starts[1] + 4, Integer.MAX_VALUE);
    Files.write(active, whole);
    try (BarLog log = BarLog.open(dir)) {
      IOException e = assertThrows(IOException.class, log::replay);
      assertTrue(e.getMessage().contains("payload length " + Integer.MAX_VALUE), e.getMessage());
    }
  }

  @Test
  void replay_validChecksumButBarsBreakRules_failsEvenAtTheEnd() throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(payload)) {
      out.writeUTF("BTCUSDT");
      out.writeUTF(BarInterval.H1.name());
      out.writeInt(1);
      out.writeLong(Bars.T0);
      // high below low
      for (double x : new double[] {100, 90, 110, 100, 1, 100}) {
        out.writeDouble(x);
      }
    }
    Files.write(active, BarRecord.frame(payload.toByteArray()), StandardOpenOption.APPEND);
    try (BarLog log = BarLog.open(dir)) {
      IOException e = assertThrows(IOException.class, log::replay);
      assertTrue(
          e.getMessage().contains("byte offset " + whole.length)
              && e.getMessage().contains("batch is invalid"),
          e.getMessage());
    }
  }

  @Test
  void replay_groupRecordWhoseBatchCountDoesNotFit_failsEvenAtTheEnd() throws IOException {
    byte[] group = BarRecord.encode(List.of(hourly("BTCUSDT", 3, 1), hourly("ETHUSDT", 0, 1)));
    byte[] payload = Arrays.copyOfRange(group, BarRecord.HEADER_BYTES, group.length);
    for (int count : new int[] {1, 3, -1}) {
      ByteBuffer.wrap(payload).putInt(0, count); // one batch too few, one too many, nonsense
      Files.write(active, whole);
      Files.write(
          active, BarRecord.frame(BarRecord.GROUP_MAGIC, payload), StandardOpenOption.APPEND);
      try (BarLog log = BarLog.open(dir)) {
        IOException e = assertThrows(IOException.class, log::replay, "count " + count);
        assertTrue(
            e.getMessage().contains("byte offset " + whole.length)
                && e.getMessage().contains("batch is invalid"),
            e.getMessage());
      }
    }
  }

  @Test
  void read_damageAtEndOfSealedSegment_isCorruptionNotTornWrite() throws IOException {
    List<Path> sealed;
    try (BarLog log = BarLog.open(dir)) {
      sealed = log.seal();
    }
    flipBit(sealed.get(0), whole.length - 1, 0);
    IOException e = assertThrows(IOException.class, () -> BarLog.read(sealed));
    assertTrue(e.getMessage().contains("byte offset " + starts[2]), e.getMessage());
    try (BarLog log = BarLog.open(dir)) {
      assertThrows(IOException.class, log::replay);
    }
    assertEquals(whole.length, Files.size(sealed.get(0)));
  }

  private static void flipBit(Path file, int offset, int bit) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[offset] ^= (byte) (1 << bit);
    Files.write(file, b);
  }
}

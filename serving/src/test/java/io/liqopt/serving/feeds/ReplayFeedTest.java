package io.liqopt.serving.feeds;

import static io.liqopt.serving.feeds.FeedFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.serving.feeds.FeedFixtures.Quote;
import io.liqopt.serving.feeds.FeedFixtures.RecordingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFeedTest {
  private static final String FILE =
      String.join(
          "\n",
          ReplayFeed.HEADER,
          "1000,BTCUSDT,a,100.5",
          "2000,BTCUSDT,b,101",
          "oops",
          "3000,ETHUSDT,a,not-a-price",
          "",
          "5000,ETHUSDT,a,2000",
          "6000,,a,1",
          "9000,BTCUSDT,a,99.25",
          "");

  @TempDir Path dir;

  private final AtomicLong clock = new AtomicLong(50_000);
  private final List<Long> sleeps = new CopyOnWriteArrayList<>();

  /** A sleeper that moves the fake clock by what it is asked. */
  private void sleep(long ms) {
    sleeps.add(ms);
    clock.addAndGet(ms);
  }

  private Path file() throws IOException {
    return Files.writeString(dir.resolve("quotes.csv"), FILE);
  }

  @Test
  void pacedAtTenTimes_sleepsTheFileGapsOverTen_keepsTheFileTimes() throws IOException {
    RecordingSink sink = new RecordingSink();
    try (ReplayFeed f = new ReplayFeed("replay", file(), 10, false, clock::get, this::sleep)) {
      f.start(sink);
      await("finished", () -> f.status().state().equals("finished"), f::status);
      assertEquals(
          List.of(
              new Quote("BTCUSDT", "a", 100.5, 1000),
              new Quote("BTCUSDT", "b", 101, 2000),
              new Quote("ETHUSDT", "a", 2000, 5000),
              new Quote("BTCUSDT", "a", 99.25, 9000)),
          sink.quotes);
      assertEquals(List.of(100L, 300L, 400L), sleeps);
      FeedStatus s = f.status();
      assertEquals(7, s.messages());
      assertEquals(3, s.malformed());
      assertEquals(1, s.connects());
    }
  }

  @Test
  void asFastAsPossible_neverSleeps_stampWithClock_usesTheClock() throws IOException {
    RecordingSink sink = new RecordingSink();
    try (ReplayFeed f =
        new ReplayFeed("replay", file(), Double.POSITIVE_INFINITY, true, clock::get, this::sleep)) {
      f.start(sink);
      await("finished", () -> f.status().state().equals("finished"), f::status);
      assertTrue(sleeps.isEmpty());
      assertEquals(4, sink.quotes.size());
      assertTrue(sink.quotes.stream().allMatch(q -> q.timeMs() == 50_000));
    }
  }

  @Test
  void missingFile_oneFailure_finished() {
    ReplayFeed f =
        new ReplayFeed("replay", dir.resolve("none.csv"), 1, false, clock::get, this::sleep);
    f.start(new RecordingSink());
    await("finished", () -> f.status().state().equals("finished"), f::status);
    assertEquals(1, f.status().failures());
    assertNotNull(f.status().lastError());
    f.close();
  }

  @Test
  void badSpeed_refused() {
    assertThrows(IllegalArgumentException.class, () -> ReplayFeed.of("r", dir.resolve("x"), 0));
    assertThrows(
        IllegalArgumentException.class, () -> ReplayFeed.of("r", dir.resolve("x"), Double.NaN));
  }
}

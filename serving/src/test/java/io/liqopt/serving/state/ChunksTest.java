package io.liqopt.serving.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;

/** A batch split into chunks covers every item once, in order, and fails as its chunks fail. */
class ChunksTest {

  @Test
  void smallBatchesStayOnTheCaller() {
    assertEquals(1, Chunks.parts(0, 7));
    assertEquals(1, Chunks.parts(2 * Chunks.MIN_CHUNK - 1, 7));
    assertEquals(2, Chunks.parts(2 * Chunks.MIN_CHUNK, 7));
    // at most two chunks per thread, the caller included
    assertEquals(4, Chunks.parts(10_000, 1));
    assertEquals(1, Chunks.parts(10_000, 0)); // one core: no helpers
    assertEquals(9, Chunks.parts(10_000, 15));
    Thread caller = Thread.currentThread();
    Set<Thread> ran = ConcurrentHashMap.newKeySet();
    Chunks.map(
        2 * Chunks.MIN_CHUNK - 1,
        (from, to) -> {
          ran.add(Thread.currentThread());
          return to - from;
        });
    assertEquals(Set.of(caller), ran);
  }

  @Test
  void theChunksTileTheItemsInOrder() {
    QuickTheory.qt()
        .withExamples(300)
        .forAll(SourceDSL.integers().between(0, 200_000), SourceDSL.integers().between(0, 64))
        .checkAssert(
            (n, workers) -> {
              int parts = Chunks.parts(n, workers);
              assertTrue(parts >= 1 && parts <= 2 * (workers + 1));
              assertTrue(workers > 0 || parts == 1);
              assertEquals(0, Chunks.bound(n, parts, 0));
              assertEquals(n, Chunks.bound(n, parts, parts));
              for (int k = 0; k < parts; k++) {
                int size = Chunks.bound(n, parts, k + 1) - Chunks.bound(n, parts, k);
                assertTrue(parts == 1 || size >= Chunks.MIN_CHUNK, n + " items, chunk " + k);
              }
            });
  }

  @Test
  void resultsComeInItemOrderWhateverThreadRanThem() {
    int n = 25_000;
    List<int[]> parts = Chunks.map(n, (from, to) -> new int[] {from, to});
    assertEquals(Chunks.parts(n, Chunks.HELPERS), parts.size());
    List<Integer> covered = new ArrayList<>();
    int next = 0;
    for (int[] p : parts) {
      assertEquals(next, p[0]);
      next = p[1];
      covered.add(p[1] - p[0]);
    }
    assertEquals(n, next);
    assertEquals(n, covered.stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void everyHandedChunkIsCountedByTheThreadThatRanIt() {
    Thread caller = Thread.currentThread();
    for (int round = 0; round < 50; round++) {
      long helpers0 = Chunks.ranOnHelpers();
      long back0 = Chunks.takenBack();
      AtomicInteger onHelpers = new AtomicInteger();
      AtomicInteger onCaller = new AtomicInteger();
      int n = 10_000;
      Chunks.map(
          n,
          (from, to) -> {
            if (from > 0) { // the first chunk is the caller's own, never handed
              (Thread.currentThread() == caller ? onCaller : onHelpers).incrementAndGet();
            }
            return to - from;
          });
      assertEquals(onHelpers.get(), Chunks.ranOnHelpers() - helpers0, "round " + round);
      assertEquals(onCaller.get(), Chunks.takenBack() - back0, "round " + round);
      assertEquals(Chunks.parts(n, Chunks.HELPERS) - 1, onHelpers.get() + onCaller.get());
    }
  }

  @Test
  void aChunksExceptionIsThrownAsItWas() {
    IllegalArgumentException planted = new IllegalArgumentException("chunk failed");
    int n = 10_000;
    // the failing chunk is the last one: with helpers (more than one core), not the caller's
    // first, so its exception may cross from a helper; on one core, the only chunk
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Chunks.map(
                    n,
                    (from, to) -> {
                      if (to == n) {
                        throw planted;
                      }
                      return from;
                    }));
    assertSame(planted, thrown);
    AssertionError error = new AssertionError("an error");
    assertSame(
        error,
        assertThrows(
            AssertionError.class,
            () ->
                Chunks.map(
                    n,
                    (from, to) -> {
                      throw error;
                    })));
  }

  /** A failed batch throws only once none of its chunks runs, and leaves none queued. */
  @Test
  void aFailedBatchLeavesNoChunkRunning() {
    AtomicInteger started = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    IllegalStateException planted = new IllegalStateException("the caller's chunk failed");
    for (int round = 0; round < 20; round++) {
      started.set(0);
      finished.set(0);
      assertSame(
          planted,
          assertThrows(
              IllegalStateException.class,
              () ->
                  Chunks.map(
                      10_000,
                      (from, to) -> {
                        if (from == 0) {
                          sleep(2);
                          throw planted;
                        }
                        started.incrementAndGet();
                        sleep(5);
                        finished.incrementAndGet();
                        return from;
                      })));
      assertEquals(started.get(), finished.get(), "round " + round);
    }
    assertEquals(0, Chunks.queued());
  }

  @Test
  void anInterruptIsKeptNotActedOn() {
    Thread.currentThread().interrupt();
    List<Integer> parts = Chunks.map(10_000, (from, to) -> to - from);
    assertTrue(Thread.interrupted(), "the flag is still set");
    assertEquals(10_000, parts.stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void nestedBatchesOnEveryThreadFinish() {
    List<Integer> outer =
        Chunks.map(
            8 * Chunks.MIN_CHUNK,
            (from, to) ->
                Chunks.map(to - from, (a, b) -> b - a).stream().mapToInt(Integer::intValue).sum());
    assertEquals(8 * Chunks.MIN_CHUNK, outer.stream().mapToInt(Integer::intValue).sum());
    assertEquals(0, Chunks.queued());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

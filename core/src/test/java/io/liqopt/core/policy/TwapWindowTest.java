package io.liqopt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwapWindowTest {
  private static final long T0 = 1_760_000_000_000L;

  @Test
  void at_knownValues() {
    TwapWindow w = new TwapWindow(100, 16);
    assertTrue(Double.isNaN(w.at(T0)));
    w.record(10, T0);
    assertEquals(10, w.at(T0), 0); // no time has passed: the last value
    w.record(20, T0 + 50);
    assertEquals(15, w.at(T0 + 100), 1e-12); // 50 ms at 10, 50 ms at 20
    assertEquals(17.5, w.at(T0 + 125), 1e-12); // the window cuts the first segment: 25 + 75
    assertEquals(20, w.at(T0 + 150), 1e-12); // the first segment is out of the window
    w.record(20, T0 + 160); // the same value: the segment goes on
    assertEquals(20, w.at(T0 + 200), 1e-12);
  }

  @Test
  void record_clockSteppedBack_segmentStartsAtTheLastOne() {
    TwapWindow w = new TwapWindow(100, 16);
    w.record(10, T0 + 50);
    w.record(30, T0); // 50 ms back: counted from T0 + 50, overlapping nothing
    assertEquals(30, w.at(T0 + 100), 1e-12); // the first value lasted no time
    assertEquals(30, w.at(T0 + 150), 1e-12);
  }

  /**
   * The kept sums give the average the scan of every segment gives, after any sequence of records
   * (equal times, clock steps back, gaps longer than the window, values repeated) and with merges
   * (bounds of 2 to 64 segments), at any time after the last record.
   */
  @Test
  void at_equalsTheScanOfEverySegment_andTheSegmentsStayBounded() {
    qt().withExamples(300)
        .withFixedSeed(17L)
        .forAll(integers().between(1, 1_000_000), integers().between(2, 64))
        .checkAssert(
            (seed, bound) -> {
              SplittableRandom r = new SplittableRandom(seed);
              long window = 1 + r.nextInt(5_000);
              TwapWindow w = new TwapWindow(window, bound);
              long t = T0;
              for (int i = 0; i < 2_000; i++) {
                int step = r.nextInt(10);
                t += step == 0 ? -r.nextInt(50) : step < 8 ? r.nextInt(40) : r.nextInt(2 * 5_000);
                double v = step == 1 ? 42 : 100 * Math.exp(r.nextGaussian() * 0.1);
                w.record(v, t);
                long at = t + (r.nextBoolean() ? 0 : r.nextInt(2 * (int) window));
                double scan = w.byScan(at);
                assertEquals(scan, w.at(at), 1e-9 * scan, "record " + i + " at " + (at - T0));
                assertTrue(w.size() <= bound);
              }
            });
  }
}

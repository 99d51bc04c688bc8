package io.liqopt.serving.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void waits_doubleToTheCap_withinHalfTheirStep_andResetToTheFirst() {
    Backoff b = new Backoff(500, 30_000, 7);
    long[] steps = {500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000};
    for (long step : steps) {
      assertEquals(step, b.stepMs());
      long w = b.nextMs();
      assertTrue(w >= step / 2 && w <= step, w + " outside [" + step / 2 + ", " + step + "]");
    }
    b.reset();
    assertEquals(500, b.stepMs());
  }

  @Test
  void badBounds_refused() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5, 1));
  }
}

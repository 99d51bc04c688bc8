package io.liqopt.serving.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerTimingTest {

  @Test
  void millisecondsWithThreeDecimals() {
    assertEquals("app;dur=0.000", Metrics.serverTiming(0));
    assertEquals("app;dur=0.000", Metrics.serverTiming(999));
    assertEquals("app;dur=0.005", Metrics.serverTiming(5_000));
    assertEquals("app;dur=0.050", Metrics.serverTiming(50_999));
    assertEquals("app;dur=1.234", Metrics.serverTiming(1_234_567));
    assertEquals("app;dur=12.050", Metrics.serverTiming(12_050_000));
    assertEquals("app;dur=10000.000", Metrics.serverTiming(10_000_000_000L));
  }

  @Test
  void aClockThatWentBackIsZero() {
    assertEquals("app;dur=0.000", Metrics.serverTiming(-3_000_000));
  }
}

package io.liqopt.serving.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.serving.feeds.MockExchange.Fault;
import io.liqopt.serving.feeds.MockExchange.FaultKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayFaultsTest {
  private static final long FROM = Instant.parse("2025-10-09T00:00:00Z").toEpochMilli();

  @Test
  void standard_octoberWindow_theRestartAtTheCrashAndEveryFaultInside() {
    List<Fault> f =
        ReplayFaults.standard(
            List.of("BTCUSDT", "ETHUSDT"), "BTCUSDT", 96 * MarketReplay.HOUR_MS, 60);
    assertEquals(8, f.size());
    for (Fault x : f) {
      assertTrue(x.fromStep() + x.steps() <= 96 * 60, x.toString());
    }
    Fault spike = f.get(0);
    assertEquals(FaultKind.SPIKE, spike.kind());
    assertEquals("BTCUSDT", spike.symbol());
    assertEquals(0.6, spike.factor());
    assertEquals(9 * 60 + 30, spike.fromStep());
    List<String> text = ReplayFaults.describe(f, FROM, 60);
    assertEquals("2025-10-09T09:30:00Z: venue c, BTCUSDT: price ×0.60 for 1 min", text.get(0));
    // the venue restart leaves ETHUSDT one source from 21:00 on October 10
    assertEquals("2025-10-10T21:00:00Z: venue a, ETHUSDT: price frozen for 45 min", text.get(3));
    assertEquals("2025-10-10T21:00:00Z: venue b, ETHUSDT: price frozen for 45 min", text.get(4));
    assertEquals("2025-10-10T00:00:00Z: venue a, every asset: connection closed", text.get(1));
  }
}

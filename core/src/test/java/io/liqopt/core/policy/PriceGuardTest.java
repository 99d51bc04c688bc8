package io.liqopt.core.policy;

import static io.liqopt.core.policy.PolicyFixtures.HOUR_MS;
import static io.liqopt.core.policy.PolicyFixtures.NOW;
import static io.liqopt.core.policy.PolicyFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceGuardTest {
  private static final double TOLERANCE = 1e-12;

  /** Band 2 %, at least 2 agreeing sources, 3 h age limit (the defaults). */
  private static final PriceGuard GUARD = PriceGuard.of(AssetRiskConfig.DEFAULTS);

  /* 100, 100.5, 130: median 100.5; 130 is 29.4 % away → dropped; median of 100, 100.5 = 100.25. */
  @Test
  void price_oneOutlier_droppedAndMedianOfRest() {
    GuardedPrice p =
        GUARD.price(
            List.of(
                new PriceSource("a", 100, T0),
                new PriceSource("b", 100.5, T0),
                new PriceSource("manipulated", 130, T0)),
            NOW);
    assertEquals(100.25, p.priceQuote(), TOLERANCE);
    assertEquals(List.of("a", "b"), p.agreeing());
    assertTrue(
        p.reasons().stream()
            .anyMatch(
                r ->
                    r.code() == ReasonCode.PRICE_SOURCE_OUTLIER
                        && r.detail().contains("manipulated")));
  }

  @Test
  void price_tooFewAgree_refusedWithReason() {
    PriceRefusedException e =
        assertThrows(
            PriceRefusedException.class,
            () ->
                GUARD.price(
                    List.of(new PriceSource("a", 100, T0), new PriceSource("b", 110, T0)), NOW));
    // median 105: both 4.8 % away, none agrees
    assertTrue(e.getMessage().contains("only 0 source"), e.getMessage());
  }

  @Test
  void price_staleSourceDropped_thenTooFew() {
    List<PriceSource> sources =
        List.of(new PriceSource("fresh", 100, T0), new PriceSource("old", 100, T0 - 5 * HOUR_MS));
    assertThrows(PriceRefusedException.class, () -> GUARD.price(sources, NOW));
    GuardedPrice one = new PriceGuard(0.02, 1, 3).price(sources, NOW);
    assertEquals(List.of("fresh"), one.agreeing());
    assertTrue(one.reasons().stream().anyMatch(r -> r.code() == ReasonCode.PRICE_SOURCE_STALE));
  }

  /*
   * Sources at now + 1 h and now + 5.001 s are from the future and dropped; one at now + 5 s (the
   * clock-skew tolerance) is kept.
   */
  @Test
  void price_futureSource_droppedWithReason() {
    long now = NOW.toEpochMilli();
    List<PriceSource> sources =
        List.of(
            new PriceSource("a", 100, now),
            new PriceSource("skewed", 100.1, now + PriceGuard.MAX_CLOCK_SKEW_MS),
            new PriceSource("future", 100.2, now + HOUR_MS),
            new PriceSource("justOver", 100.3, now + PriceGuard.MAX_CLOCK_SKEW_MS + 1));
    GuardedPrice p = GUARD.price(sources, NOW);
    assertEquals(List.of("a", "skewed"), p.agreeing());
    assertEquals(
        2, p.reasons().stream().filter(r -> r.code() == ReasonCode.PRICE_SOURCE_FUTURE).count());
    assertTrue(
        p.reasons().stream()
            .anyMatch(
                r ->
                    r.code() == ReasonCode.PRICE_SOURCE_FUTURE
                        && r.detail().startsWith("future ")));
    PriceRefusedException e =
        assertThrows(
            PriceRefusedException.class,
            () ->
                GUARD.price(
                    List.of(
                        new PriceSource("a", 100, now),
                        new PriceSource("future", 100, now + HOUR_MS)),
                    NOW));
    assertTrue(e.getMessage().contains("future"), e.getMessage());
  }

  /*
   * Closes 100, 102, 104: TWAP of the last 2 bars = 103, of all 3 = 102. Stamped with the last
   * bar's close time T0 + 3 h; guarded at T0 + 3 h.
   */
  @Test
  void twap_lastBars_meanOfCloses() {
    long h = HOUR_MS;
    BarSeries s =
        BarSeries.of(
            "BTCUSDT",
            BarInterval.H1,
            new long[] {T0, T0 + h, T0 + 2 * h},
            new double[] {100, 100, 102},
            new double[] {101, 103, 105},
            new double[] {99, 99, 101},
            new double[] {100, 102, 104},
            new double[] {1, 1, 1},
            new double[] {100, 102, 104});
    assertEquals(103, PriceSource.twap(s, 2).priceQuote(), TOLERANCE);
    assertEquals(102, PriceSource.twap(s, 3).priceQuote(), TOLERANCE);
    assertEquals(T0 + 3 * h, PriceSource.twap(s, 3).asOfEpochMs());
    assertThrows(IllegalArgumentException.class, () -> PriceSource.twap(s, 4));
    GuardedPrice p =
        GUARD.price(
            List.of(PriceSource.twap(s, 2), new PriceSource("spot", 103.5, T0 + 3 * h)),
            Instant.ofEpochMilli(T0 + 3 * h));
    assertEquals(103.25, p.priceQuote(), TOLERANCE);
  }
}

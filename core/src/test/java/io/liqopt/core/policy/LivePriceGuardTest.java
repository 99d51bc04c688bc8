package io.liqopt.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.liqopt.core.policy.LivePriceGuard.Verdict;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LivePriceGuardTest {
  private static final long T0 = 1_760_000_000_000L;
  private static final LivePriceGuard.Settings S = LivePriceGuard.Settings.DEFAULTS;

  @Test
  void offer_twoAgreeingSources_priceIsTheirMedian() {
    LivePriceGuard g = new LivePriceGuard("BTCUSDT", S);
    assertEquals(Verdict.NO_QUORUM, g.offer("a", 100, T0, T0).verdict());
    assertTrue(g.stale());
    LivePriceGuard.Outcome o = g.offer("b", 101, T0, T0);
    assertEquals(Verdict.ACCEPTED, o.verdict());
    assertEquals(100.5, g.price());
    assertTrue(o.changed());
    assertFalse(g.stale());
  }

  @Test
  void offer_oneSourceSpikesMinus40Percent_twoOthersHold_priceUnmoved() {
    LivePriceGuard g = new LivePriceGuard("ETHUSDT", S);
    for (int i = 0; i < 60; i++) {
      long t = T0 + i * 1_000L;
      g.offer("a", 2000 + i % 3, t, t);
      g.offer("b", 2001 - i % 2, t, t);
      g.offer("c", 2000.5 + i % 2, t, t);
    }
    double before = g.price();
    for (int i = 60; i < 120; i++) { // a minute of a −40 % spike on one source
      long t = T0 + i * 1_000L;
      g.offer("a", 1200, t, t);
      g.offer("b", 2001 - i % 2, t, t);
      LivePriceGuard.Outcome o = g.offer("c", 2000.5 + i % 2, t, t);
      assertEquals(Verdict.ACCEPTED, o.verdict());
      assertTrue(Math.abs(g.price() / before - 1) < 0.001, "price " + g.price());
    }
    assertFalse(g.stale());
    assertEquals(60, g.sources(T0 + 120_000).get(0).outliers());
  }

  @Test
  void sweep_silentSource_isStaleAfterItsAge_andTheAssetWithIt() {
    LivePriceGuard g = new LivePriceGuard("SOLUSDT", S);
    g.offer("a", 150, T0, T0);
    g.offer("b", 150.1, T0, T0);
    g.offer("b", 150.2, T0 + 50_000, T0 + 50_000);
    assertEquals("healthy", g.sources(T0 + S.maxQuoteAgeMs()).get(0).state());
    assertEquals("stale", g.sources(T0 + S.maxQuoteAgeMs() + 1).get(0).state());
    LivePriceGuard.Outcome o = g.sweep(T0 + S.maxQuoteAgeMs() + 1);
    assertEquals(Verdict.NO_QUORUM, o.verdict());
    assertFalse(g.stale()); // the price is 11 s old
    assertTrue(g.sweep(T0 + 50_000 + S.maxQuoteAgeMs() + 1).changed());
    assertTrue(g.stale());
  }

  @Test
  void offer_sourceRepeatingOnePrice_isFrozen() {
    LivePriceGuard.Settings s = new LivePriceGuard.Settings(0.02, 2, 60_000, 5, 0.25, 3_600_000);
    LivePriceGuard g = new LivePriceGuard("XRPUSDT", s);
    for (int i = 0; i < 4; i++) {
      long t = T0 + i * 1_000L;
      g.offer("a", 2.5, t, t);
      assertEquals(Verdict.ACCEPTED, g.offer("b", 2.5 + i * 1e-4, t, t).verdict());
    }
    long t = T0 + 4_000;
    g.offer("a", 2.5, t, t); // the fifth identical price
    assertEquals("frozen", g.sources(t).get(0).state());
    assertEquals(Verdict.NO_QUORUM, g.offer("b", 2.5005, t, t).verdict());
    g.offer("a", 2.5006, t + 1_000, t + 1_000); // it moves again: healthy
    assertEquals("healthy", g.sources(t + 1_000).get(0).state());
  }

  @Test
  void offer_allSourcesJumpTogether_refusedByTheTwapBand_untilTheMoveLasts() {
    LivePriceGuard g = new LivePriceGuard("DOGEUSDT", S);
    long t = T0;
    for (int i = 0; t < T0 + 3_600_000; t += 10_000, i++) {
      g.offer("a", 0.20 + (i % 2) * 1e-5, t, t);
      g.offer("b", 0.2001 + (i % 3) * 1e-5, t, t);
    }
    double before = g.price();
    g.offer("a", 0.12, t, t);
    assertEquals(Verdict.TWAP_BAND, g.offer("b", 0.1201, t, t).verdict());
    assertEquals(before, g.price());
    long acceptedAt = -1;
    for (long u = t + 10_000; u < t + 3_600_000; u += 10_000) {
      g.offer("a", 0.12 + ((u / 10_000) % 2) * 1e-5, u, u);
      if (g.offer("b", 0.1201 + ((u / 10_000) % 3) * 1e-5, u, u).verdict() == Verdict.ACCEPTED) {
        acceptedAt = u;
        break;
      }
      assertEquals(before, g.price());
    }
    // 0.12 is within 25 % of the TWAP once the new level holds half of the 60 min window
    assertTrue(acceptedAt - t >= 29 * 60_000L && acceptedAt - t <= 31 * 60_000L, "" + acceptedAt);
    assertEquals(0.12005, g.price(), 1e-5);
  }

  @Test
  void offer_badQuotes_refusedAndCounted() {
    LivePriceGuard g = new LivePriceGuard("ADAUSDT", S);
    g.offer("a", 0.5, T0, T0);
    assertEquals(Verdict.INVALID, g.offer("a", Double.NaN, T0 + 1, T0 + 1).verdict());
    assertEquals(Verdict.INVALID, g.offer("a", -1, T0 + 1, T0 + 1).verdict());
    assertEquals(Verdict.FUTURE, g.offer("a", 0.5, T0 + 60_000, T0 + 1).verdict());
    assertEquals(Verdict.OUT_OF_ORDER, g.offer("a", 0.5, T0 - 1, T0 + 1).verdict());
    assertEquals(Verdict.DUPLICATE, g.offer("a", 0.5, T0, T0 + 1).verdict());
    LivePriceGuard.SourceView v = g.sources(T0 + 1).get(0);
    assertEquals(1, v.accepted());
    assertEquals(2L, v.refused().get(Verdict.INVALID));
    assertEquals(1L, v.refused().get(Verdict.DUPLICATE));
    for (int i = 1; i < LivePriceGuard.MAX_SOURCES; i++) {
      g.offer("s" + i, 0.5, T0, T0);
    }
    assertEquals(Verdict.INVALID, g.offer("one-too-many", 0.5, T0, T0).verdict());
  }

  @Test
  void settings_outOfRange_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new LivePriceGuard.Settings(0, 2, 60_000, 5, 0.25, 3_600_000));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LivePriceGuard.Settings(0.02, 2, 60_000, 1, 0.25, 3_600_000));
  }

  @Test
  void anyQuoteStream_priceWithinTheHealthySourcesRange_twapBounded() {
    qt().withExamples(200)
        .withFixedSeed(31L)
        .forAll(integers().between(1, 1_000_000), integers().between(1, 6))
        .checkAssert(
            (seed, n) -> {
              SplittableRandom r = new SplittableRandom(seed);
              LivePriceGuard g = new LivePriceGuard("X", S);
              long t = T0;
              double lo = Double.POSITIVE_INFINITY;
              double hi = 0;
              for (int i = 0; i < 300; i++) {
                t += r.nextInt(0, 20_000);
                double p = 100 * Math.exp(r.nextGaussian() * 0.05);
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
                LivePriceGuard.Outcome o = g.offer("s" + r.nextInt(n), p, t, t);
                if (o.verdict() == Verdict.ACCEPTED) {
                  assertTrue(g.price() >= lo && g.price() <= hi);
                }
                double twap = g.twap(t);
                assertTrue(Double.isNaN(twap) || (twap >= lo - 1e-9 && twap <= hi + 1e-9));
              }
            });
  }
}

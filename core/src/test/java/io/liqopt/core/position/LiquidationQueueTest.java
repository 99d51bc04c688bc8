package io.liqopt.core.position;

import static io.liqopt.core.policy.PolicyFixtures.market;
import static io.liqopt.core.policy.PolicyFixtures.thresholds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.SquareRootImpact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiquidationQueueTest {
  private static final PositionAssessor ASSESSOR =
      PositionAssessor.of(ResolvedPolicy.defaultPolicy());
  private static final Map<String, AssetThresholds> TH =
      Map.of(
          "ETHUSDT", thresholds("ETHUSDT", 0.8, 0.05, 0.5, 0.03),
          "DOGEUSDT", thresholds("DOGEUSDT", 0.6, 0.10, 0.5, 0.05));
  private static final Map<String, MarketSnapshot> MK =
      Map.of(
          "ETHUSDT", market("ETHUSDT", 2000, 1e9),
          "DOGEUSDT", market("DOGEUSDT", 0.1, 1e7));

  private static Assessment eth(String id, double quantity, double debt) {
    return ASSESSOR.assess(
        new Position(id, List.of(new CollateralHolding("ETHUSDT", quantity, 2000)), "USDT", debt),
        TH,
        MK);
  }

  /** k = 1e-4 / sqrt(quote): (b/k)² = (0.05/1e-4)² = 250 000 of ETH per window. */
  private static Map<String, LiquidationQueue.AssetCapacity> capacity(double ethWindowVolume) {
    return Map.of(
        "ETHUSDT",
        new LiquidationQueue.AssetCapacity(
            new SquareRootImpact(1e-4, false), 0.05, ethWindowVolume, 1.0));
  }

  @Test
  void order_lowestCoverageFirst_healthyLeftOut() {
    Assessment worse = eth("worse", 10, 19_000); // HF 16 000/19 000 = 0.842
    Assessment bad = eth("bad", 10, 17_000); // HF 0.941
    Assessment healthy = eth("ok", 10, 12_000);
    List<LiquidationQueue.Entry> q =
        LiquidationQueue.of(List.of(bad, healthy, worse), capacity(1e12));
    assertEquals(2, q.size());
    assertEquals("worse", q.get(0).positionId());
    assertEquals(1, q.get(0).rank());
    assertEquals("bad", q.get(1).positionId());
    assertEquals(1.0, q.get(0).nextSliceFraction());
    assertNull(q.get(1).waitingOn());
  }

  @Test
  void sharedCollateral_combinedSalesWithinCapacity_laterPositionsWait() {
    List<Assessment> book = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      book.add(eth("p" + i, 100, 180_000)); // 200 000 of ETH, HF 0.889 each
    }
    double cap = 250_000; // (0.05 / 1e-4)²; the participation term is larger
    List<LiquidationQueue.Entry> q = LiquidationQueue.of(book, capacity(1e12));
    double sold = 0;
    for (LiquidationQueue.Entry e : q) {
      for (Seizure s : e.nextSeizures()) {
        sold += s.valueQuote();
      }
    }
    assertEquals(cap, sold, 1e-6);
    assertEquals("ETHUSDT", q.get(q.size() - 1).waitingOn());
    assertEquals(0, q.get(q.size() - 1).nextSliceFraction());
    // the participation cap binds when the window's volume is small: 10 % of 1e6
    List<LiquidationQueue.Entry> thin =
        LiquidationQueue.of(
            book,
            Map.of(
                "ETHUSDT",
                new LiquidationQueue.AssetCapacity(
                    new SquareRootImpact(1e-4, false), 0.05, 1e6, 0.1)));
    double soldThin = 0;
    for (LiquidationQueue.Entry e : thin) {
      soldThin += e.nextSeizures().get(0).valueQuote();
    }
    assertEquals(1e5, soldThin, 1e-6);
  }

  @Test
  void anyBook_noAssetOversold_ordered_slicesWithinPlans() {
    qt().withExamples(100)
        .withFixedSeed(5L)
        .forAll(integers().between(1, 100_000), integers().between(1, 60))
        .checkAssert(
            (seed, n) -> {
              SplittableRandom r = new SplittableRandom(seed);
              List<Assessment> book = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                double q = r.nextDouble(1, 200);
                book.add(eth("p" + i, q, q * 2000 * 0.8 / r.nextDouble(0.7, 1.3)));
              }
              double volume = r.nextDouble(1e4, 1e7);
              List<LiquidationQueue.Entry> out = LiquidationQueue.of(book, capacity(volume));
              double cap = capacity(volume).get("ETHUSDT").capacityQuote();
              Map<String, Double> sold = new HashMap<>();
              double previous = -1;
              for (LiquidationQueue.Entry e : out) {
                assertTrue(e.coverage() >= previous);
                previous = e.coverage();
                assertTrue(e.nextSliceFraction() >= 0 && e.nextSliceFraction() <= 1);
                assertTrue(e.nextRepayQuote() <= e.repayQuote() + 1e-9);
                for (Seizure s : e.nextSeizures()) {
                  sold.merge(s.symbol(), s.valueQuote(), Double::sum);
                }
              }
              assertTrue(sold.getOrDefault("ETHUSDT", 0.0) <= cap * (1 + 1e-12) + 1e-9);
            });
  }
}

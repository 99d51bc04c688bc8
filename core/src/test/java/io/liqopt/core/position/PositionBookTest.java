package io.liqopt.core.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PositionBookTest {
  private static final List<String> ASSETS = List.of("BTC", "ETH", "SOL", "DOGE");

  @Test
  void healthFactor_knownValue_andLiquidatableBelowOne() {
    PositionBook b = new PositionBook(ASSETS, new double[] {80, 40, 10, 1}, 10);
    // HF = (0.5·80 + 2·40) / 100 = 1.2
    b.put("p", 1, List.of("BTC", "ETH"), new double[] {0.5, 2}, 100);
    assertEquals(1.2, b.healthFactor("p"), 1e-12);
    assertFalse(b.isLiquidatable("p"));
    // ETH's weighted price 40 → 29: HF = (40 + 58)/100 = 0.98
    PositionBook.Changes c = b.update("ETH", 29);
    assertEquals(List.of("p"), c.entered());
    assertTrue(b.isLiquidatable("p"));
    assertEquals(List.of("p"), b.update("ETH", 40).left());
  }

  @Test
  void put_olderOrSameVersion_refused_removeThenAbsent() {
    PositionBook b = new PositionBook(ASSETS, new double[] {80, 40, 10, 1}, 10);
    assertEquals(PositionBook.Write.CREATED, b.put("p", 2, List.of("SOL"), new double[] {5}, 20));
    assertEquals(
        PositionBook.Write.STALE_VERSION, b.put("p", 2, List.of("SOL"), new double[] {1}, 20));
    assertEquals(
        PositionBook.Write.STALE_VERSION, b.put("p", 1, List.of("SOL"), new double[] {1}, 20));
    assertEquals(PositionBook.Write.UPDATED, b.put("p", 3, List.of("SOL"), new double[] {1}, 20));
    assertTrue(b.isLiquidatable("p")); // 10/20
    assertEquals(PositionBook.Write.REMOVED, b.remove("p"));
    assertEquals(PositionBook.Write.ABSENT, b.remove("p"));
    assertEquals(List.of(), b.liquidatable(Integer.MAX_VALUE));
  }

  @Test
  void put_badInput_refused() {
    PositionBook b = new PositionBook(ASSETS, new double[] {80, 40, 10, 1}, 1);
    assertThrows(
        IllegalArgumentException.class, () -> b.put("p", 1, List.of("XRP"), new double[] {1}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.put("p", 1, List.of("BTC", "BTC"), new double[] {1, 1}, 1));
    assertThrows(
        IllegalArgumentException.class, () -> b.put("p", 1, List.of("BTC"), new double[] {-1}, 1));
    assertThrows(
        IllegalArgumentException.class, () -> b.put("p", 1, List.of("BTC"), new double[] {1}, 0));
    b.put("p", 1, List.of("BTC"), new double[] {1}, 1);
    assertThrows(
        IllegalArgumentException.class, () -> b.put("q", 1, List.of("BTC"), new double[] {1}, 1));
  }

  @Test
  void update_smallMove_evaluatesOnlyTheNearLine() {
    PositionBook b = randomBook(3, new double[] {80, 40, 10, 1});
    PositionBook.Changes c = b.update("BTC", 80 * 0.99);
    assertTrue(c.evaluated() < 20_000 / 10, "evaluated " + c.evaluated());
    assertEquals(scan(b), b.liquidatable(Integer.MAX_VALUE));
    assertEquals(scan(b).size(), b.liquidatableCount());
    assertEquals(3, b.liquidatable(3).size());
  }

  @Test
  void update_everyAssetAtOnce_agreesWithTheScan_unmovedAssetsCostNothing() {
    double[] w = {80, 40, 10, 1};
    PositionBook b = randomBook(5, w);
    assertEquals(0, b.update(w.clone()).evaluated());
    double[] down = {80 * 0.99, 40 * 0.99, 10, 1};
    PositionBook.Changes c = b.update(down);
    assertTrue(c.entered().size() > 0, "a 1 % fall of two assets makes some liquidatable");
    assertEquals(scan(b), b.liquidatable(Integer.MAX_VALUE));
    PositionBook.Changes back = b.update(w.clone());
    assertEquals(new TreeSet<>(c.entered()), new TreeSet<>(back.left()));
    assertEquals(scan(b), b.liquidatable(Integer.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> b.update(new double[] {1, 1, 1}));
    assertThrows(IllegalArgumentException.class, () -> b.update(new double[] {1, 1, 1, -1}));
    assertEquals(scan(b), b.liquidatable(Integer.MAX_VALUE), "a refused update changes nothing");
  }

  @Test
  void deferredRebases_aDriftedBookIsNotRebasedOnTheChangesPath_butStaysExact() {
    double[] w = {80, 40, 10, 1};
    PositionBook b = randomBook(7, w);
    b.deferRebases();
    assertFalse(b.rebaseDue());
    PositionBook.Changes c = b.update("BTC", 80 * 0.9);
    assertTrue(b.rebaseDue(), "a 10 % move makes a rebase due");
    assertTrue(c.evaluated() < 20_000, "not the whole book: " + c.evaluated());
    assertEquals(scan(b), b.liquidatable(Integer.MAX_VALUE));
    RebasePlan p = b.startRebase();
    assertTrue(p.copy(b, Integer.MAX_VALUE));
    p.build();
    assertTrue(b.install(p));
    assertFalse(b.rebaseDue());
    assertFalse(b.install(p), "a plan is installed once");
    assertEquals(scan(b), b.liquidatable(Integer.MAX_VALUE));
    PositionBook.Changes small = b.update("BTC", 80 * 0.9 * 0.99);
    assertTrue(small.evaluated() < 20_000 / 10, "evaluated " + small.evaluated());
    assertEquals(scan(b), b.liquidatable(Integer.MAX_VALUE));
  }

  @Test
  void rebasePlan_supersededByALaterOne_isDiscarded_andMustBeCopiedBeforeBuilt() {
    PositionBook b = randomBook(8, new double[] {80, 40, 10, 1});
    RebasePlan first = b.startRebase();
    assertFalse(first.copy(b, 100), "20 000 slots are not copied 100 at a time");
    assertThrows(IllegalStateException.class, first::build);
    while (!first.copy(b, 5_000)) {
      // the rest
    }
    first.build();
    b.rebase(); // a plan of its own
    assertFalse(b.install(first));
    assertEquals(scan(b), b.liquidatable(Integer.MAX_VALUE));
  }

  @Test
  void anySequenceOfWritesAndMoves_indexAgreesWithTheScan() {
    qt().withExamples(60)
        .withFixedSeed(41L)
        .forAll(integers().between(1, 1_000_000), integers().between(1, 400))
        .checkAssert((seed, n) -> writesAndMoves(seed, n, false));
  }

  @Test
  void rebasesPreparedWhileTheBookChanges_indexAgreesWithTheScan() {
    qt().withExamples(60)
        .withFixedSeed(43L)
        .forAll(integers().between(1, 1_000_000), integers().between(1, 400))
        .checkAssert((seed, n) -> writesAndMoves(seed, n, true));
  }

  /**
   * n random positions, then 200 random moves, writes and removes (and, when {@code deferred}, the
   * steps of rebases begun, copied in chunks, built and installed in between), each checked against
   * a scan of the whole book and against the changes reported.
   */
  private static void writesAndMoves(long seed, int n, boolean deferred) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] w = {80, 40, 10, 1};
    PositionBook b = new PositionBook(ASSETS, w, 10_000);
    if (deferred) {
      b.deferRebases();
    }
    for (int i = 0; i < n; i++) {
      randomPut(b, r, "p" + i, w, 1);
    }
    RebasePlan plan = null;
    boolean copied = false;
    TreeSet<String> state = new TreeSet<>(b.liquidatable(Integer.MAX_VALUE));
    for (int step = 0; step < 200; step++) {
      int op = r.nextInt(deferred ? 13 : 10);
      if (op < 7) {
        int j = r.nextInt(ASSETS.size());
        double sd = r.nextInt(20) == 0 ? 0.1 : 0.01;
        double move = r.nextGaussian() * sd;
        w[j] *= Math.exp(move);
        // now and then every asset at once (new thresholds), some of them unmoved
        PositionBook.Changes c =
            r.nextInt(4) == 0 ? b.update(moveSome(r, w)) : b.update(ASSETS.get(j), w[j]);
        state.addAll(c.entered());
        c.left().forEach(state::remove);
      } else if (op < 9) {
        randomPut(b, r, "p" + r.nextInt(n + 10), w, step + 2);
        state = new TreeSet<>(b.liquidatable(Integer.MAX_VALUE));
      } else if (op < 10) {
        b.remove("p" + r.nextInt(n + 10));
        state = new TreeSet<>(b.liquidatable(Integer.MAX_VALUE));
      } else if (plan == null) {
        plan = b.startRebase();
        copied = false;
      } else if (!copied) {
        copied = plan.copy(b, 1 + r.nextInt(64));
      } else if (plan.index == null) {
        plan.build();
      } else {
        assertTrue(b.install(plan), "step " + step);
        plan = null;
      }
      assertEquals(scan(b), b.liquidatable(Integer.MAX_VALUE), "step " + step);
      assertEquals(new ArrayList<>(state), b.liquidatable(Integer.MAX_VALUE), "changes " + step);
    }
  }

  /** A rebased book of 20 000 {@link #randomPut} positions at weighted prices {@code w}. */
  private static PositionBook randomBook(long seed, double[] w) {
    SplittableRandom r = new SplittableRandom(seed);
    PositionBook b = new PositionBook(ASSETS, w, 100_000);
    for (int i = 0; i < 20_000; i++) {
      randomPut(b, r, "p" + i, w, 1);
    }
    b.rebase();
    return b;
  }

  /** Moves each asset of {@code w} by up to ±1 % or leaves it, half and half; a copy of it. */
  private static double[] moveSome(SplittableRandom r, double[] w) {
    for (int j = 0; j < w.length; j++) {
      if (r.nextBoolean()) {
        w[j] *= 1 + r.nextDouble(-0.01, 0.01);
      }
    }
    return w.clone();
  }

  /** The liquidatable ids by a scan of the whole book, sorted (the check of the index). */
  private static List<String> scan(PositionBook b) {
    List<String> out = new ArrayList<>();
    b.forEach(
        new double[ASSETS.size()],
        (id, debt, collateral, hf) -> {
          if (hf < 1) {
            out.add(id);
          }
        });
    out.sort(null);
    return out;
  }

  /** A position of 1–3 assets whose HF at {@code w} is lognormal around 1.3. */
  private static void randomPut(
      PositionBook b, SplittableRandom r, String id, double[] w, long version) {
    int k = 1 + r.nextInt(3);
    List<String> symbols = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    while (symbols.size() < k) {
      int j = r.nextInt(ASSETS.size());
      if (!idx.contains(j)) {
        idx.add(j);
        symbols.add(ASSETS.get(j));
      }
    }
    double[] q = new double[k];
    double value = 0;
    for (int m = 0; m < k; m++) {
      q[m] = r.nextDouble(0.1, 10);
      value += q[m] * w[idx.get(m)];
    }
    double hf = 1.3 * Math.exp(r.nextGaussian() * 0.2);
    b.put(id, version, symbols, q, value / hf);
  }
}

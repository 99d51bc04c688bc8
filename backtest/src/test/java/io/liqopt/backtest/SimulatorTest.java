package io.liqopt.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One position followed by hand, and the simulation's determinism. */
class SimulatorTest {
  private static final long T0 = 1_700_000_000_000L / 3_600_000L * 3_600_000L;
  private static final double TOL = 1e-9;

  /** No arrivals, no reactions, no fixed cost: only the seeded position moves. */
  private static final SimulationConfig QUIET =
      new SimulationConfig(1e-9, 25_000, 1.0, 0.01, 0.7, 1.0, 500, 1.15, 0, 12, 1.5, 1, 0, 0.5, 24);

  /** Flat at 100 with a huge volume (no impact), a fall to {@code low} in bar 50, then flat. */
  private static AssetHistory crash(double low) {
    BarSeriesBuilder b = new BarSeriesBuilder("XUSDT", BarInterval.H1);
    for (int i = 0; i < 60; i++) {
      double o = i < 50 ? 100 : i == 50 ? 100 : low;
      double c = i < 50 ? 100 : low;
      double l = i < 50 ? 100 : low;
      b.append(T0 + i * 3_600_000L, o, Math.max(o, c), l, c, 1e10, 1e12);
    }
    BarSeries s = b.build();
    return AssetHistory.of(s, s);
  }

  private static PolicyRun rule(AssetHistory h) {
    return StaticPolicies.staticRule("rule", "LT 80 %", 0.80, 0.75, 0.05, 0.5, 0.95, List.of(h));
  }

  @Test
  void partialLiquidation_restoresTargetHealthFactor_byHand() {
    AssetHistory h = crash(85);
    PolicyRun p = rule(h);
    // 1 000 units against 70 000 of debt (over the 1 000 dust size, so a partial repay is allowed)
    AssetRun r =
        new Simulator(QUIET)
            .run(
                h,
                p.schedules().get("XUSDT"),
                p.risk(),
                1,
                60,
                1,
                List.of(new double[] {1000, 70_000, 10_000}));
    // bar 50: C·L·LT = 68 000 < 70 000, liquidated at the open of bar 51 (85); HF 0.971 ≥ 0.95:
    // partial, ΔD = (h*·D − C·P·LT)/(h* − LT(1 + b)) = (1.05·70 000 − 68 000)/(1.05 − 0.84)
    assertEquals(1, r.liquidations());
    assertEquals(1, r.partialLiquidations());
    assertEquals(5500 / 0.21, r.liquidatedQuote(), 1e-6);
    assertEquals(0.05 * 5500 / 0.21, r.penaltyQuote(), 1e-6);
    assertEquals(0, r.badDebtQuote(), TOL);
    assertEquals(h.series().openTimeMs(51), r.events().timeMs(0));
    assertEquals(85, r.events().price(0), 1e-6);
  }

  /*
   * Flat at 100; the LT falls from 0.80 to 0.65 at the close of bar 29 (in force from bar 30). One
   * unit against 70 of debt: safe under 0.80 (80 ≥ 70), liquidatable under 0.65 (65 < 70) at an
   * unchanged price, so the threshold change alone made it liquidatable: one parameter-induced
   * position. The crash of the partial-liquidation test above (constant LT) counts none.
   */
  @Test
  void ltDropAtFlatPrice_countedAsParameterInduced() {
    AssetHistory h = crash(100);
    PolicyRun p = rule(h);
    ThresholdSchedule.Builder b =
        ThresholdSchedule.builder("drop", "XUSDT", h.size()).fill(0.80, 0.75, 0.05, 0.5, 0);
    for (int r = 29; r < h.size(); r++) {
      b.set(r, 0.65, 0.60, 0.05, 0.5, 0, Double.NaN);
    }
    List<double[]> one = List.of(new double[] {1, 70, 10_000});
    AssetRun dropped = new Simulator(QUIET).run(h, b.build(), p.risk(), 1, 60, 1, one);
    assertEquals(1, dropped.parameterInducedLiquidatable());
    assertEquals(1, dropped.liquidations());
    AssetRun crashed =
        new Simulator(QUIET)
            .run(
                crash(85),
                p.schedules().get("XUSDT"),
                p.risk(),
                1,
                60,
                1,
                List.of(new double[] {1000, 70_000, 10_000}));
    assertEquals(0, crashed.parameterInducedLiquidatable());
  }

  @Test
  void toxicSpiral_allCollateralSeized_restIsBadDebt_byHand() {
    AssetHistory h = crash(60);
    PolicyRun p = rule(h);
    AssetRun r =
        new Simulator(QUIET)
            .run(
                h,
                p.schedules().get("XUSDT"),
                p.risk(),
                1,
                60,
                1,
                List.of(new double[] {1, 70, 10_000}));
    // collateral 60 < D·(1 + b) = 73.5: all seized against a repay of 60/1.05; the rest is bad debt
    assertEquals(1, r.liquidations());
    assertEquals(0, r.partialLiquidations());
    assertEquals(60 / 1.05, r.liquidatedQuote(), 1e-6);
    assertEquals(70 - 60 / 1.05, r.badDebtQuote(), 1e-6);
  }

  @Test
  void expiryUnderwater_nobodyLiquidated_isBadDebt() {
    AssetHistory h = crash(60);
    PolicyRun p = rule(h);
    // the position ends at the close of bar 50, before any liquidator acts
    AssetRun r =
        new Simulator(QUIET)
            .run(
                h,
                p.schedules().get("XUSDT"),
                p.risk(),
                1,
                60,
                1,
                List.of(new double[] {1, 70, 50}));
    assertEquals(0, r.liquidations());
    assertEquals(70 - 60, r.badDebtQuote(), 1e-6);
  }

  @Test
  void run_sameSeedSameResult_otherSeedOtherResult() {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(1, 0.5, 3));
    AssetHistory h = AssetHistory.of(market.get(0), market.get(0));
    PolicyRun p = StaticPolicies.staticRule("s", "", 0.8, 0.75, 0.05, 0.5, 0.95, List.of(h));
    ThresholdSchedule s = p.schedules().get(h.symbol());
    SimulationConfig cfg = SimulationConfig.defaults();
    AssetRun a = new Simulator(cfg).run(h, s, p.risk(), 800, h.size(), 7);
    AssetRun b = new Simulator(cfg).run(h, s, p.risk(), 800, h.size(), 7);
    AssetRun c = new Simulator(cfg).run(h, s, p.risk(), 800, h.size(), 8);
    assertTrue(a.positionsOpened() > 100, "borrowers arrived: " + a.positionsOpened());
    assertEquals(a.liquidations(), b.liquidations());
    assertEquals(a.badDebtQuote(), b.badDebtQuote());
    assertArrayEquals(a.events().copyTimeMs(), b.events().copyTimeMs());
    assertNotEquals(
        a.positionsOpened() * 31 + a.liquidations(), c.positionsOpened() * 31 + c.liquidations());
  }
}

package io.liqopt.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A shock planted in the future changes nothing before it: the walk-forward forecast policy's
 * thresholds (governed and not) and the simulated book are identical, bit for bit, up to the shock,
 * and differ after it (so the test can fail).
 */
class NoLookAheadTest {

  /**
   * γ 0.05: the quantile tracking's feedback is delayed by the horizon, so it looks ahead no more.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0, 0.05})
  void plantedFutureShock_nothingBeforeItReacts(double trackingGamma) {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(2, 0.9, 5));
    BarSeries factor = market.get(0);
    BarSeries asset = market.get(1);
    int shockRow = asset.size() - 24 * 40;
    BarSeries shocked = halveFrom(asset, shockRow);

    Policies.WalkForward wf = new Policies.WalkForward(120, 30, 24);
    List<PolicyRun> clean =
        Policies.forecast(
            "ewma",
            "",
            new EwmaForecaster(),
            ResolvedPolicy.defaultPolicy(),
            0.10,
            trackingGamma,
            wf,
            List.of(AssetHistory.of(factor, factor), AssetHistory.of(asset, factor)),
            42,
            Long.MIN_VALUE,
            line -> {});
    List<PolicyRun> planted =
        Policies.forecast(
            "ewma",
            "",
            new EwmaForecaster(),
            ResolvedPolicy.defaultPolicy(),
            0.10,
            trackingGamma,
            wf,
            List.of(AssetHistory.of(factor, factor), AssetHistory.of(shocked, factor)),
            42,
            Long.MIN_VALUE,
            line -> {});
    for (int k = 0; k < 2; k++) {
      ThresholdSchedule a = clean.get(k).schedules().get(asset.symbol());
      ThresholdSchedule b = planted.get(k).schedules().get(asset.symbol());
      int defined = a.firstDefined();
      assertTrue(defined < shockRow - 24 * 30, "thresholds start well before the shock");
      // the shock bar itself is the first that may differ
      assertArrayEquals(Arrays.copyOf(a.copyLt(), shockRow), Arrays.copyOf(b.copyLt(), shockRow));
      assertArrayEquals(
          Arrays.copyOf(a.copyMaxLtv(), shockRow), Arrays.copyOf(b.copyMaxLtv(), shockRow));
      assertArrayEquals(
          Arrays.copyOf(a.copyBonus(), shockRow), Arrays.copyOf(b.copyBonus(), shockRow));
      assertTrue(
          differsAfter(a.copyLt(), b.copyLt(), shockRow)
              || differsAfter(a.copyMaxLtv(), b.copyMaxLtv(), shockRow),
          "the shock must change something after it");
    }
    // the book up to the shock
    PolicyRun p = clean.get(0);
    PolicyRun q = planted.get(0);
    int from = p.schedules().get(asset.symbol()).firstDefined() + 1;
    AssetRun x =
        new Simulator(SimulationConfig.defaults())
            .run(
                AssetHistory.of(asset, factor),
                p.schedules().get(asset.symbol()),
                p.risk(),
                from,
                shockRow,
                3);
    AssetRun y =
        new Simulator(SimulationConfig.defaults())
            .run(
                AssetHistory.of(shocked, factor),
                q.schedules().get(asset.symbol()),
                q.risk(),
                from,
                shockRow,
                3);
    assertEquals(x.positionsOpened(), y.positionsOpened());
    assertEquals(x.liquidations(), y.liquidations());
    assertEquals(x.badDebtQuote(), y.badDebtQuote());
    assertEquals(x.timeAvgLtv(), y.timeAvgLtv());
  }

  /** The tracking tested above moves the thresholds: its test could fail. */
  @Test
  void tracking_movesTheThresholds() {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(2, 0.9, 5));
    List<AssetHistory> histories =
        List.of(
            AssetHistory.of(market.get(0), market.get(0)),
            AssetHistory.of(market.get(1), market.get(0)));
    double[][] lt = new double[2][];
    for (int k = 0; k < 2; k++) {
      lt[k] =
          Policies.forecast(
                  "ewma",
                  "",
                  new EwmaForecaster(),
                  ResolvedPolicy.defaultPolicy(),
                  0.10,
                  k * 0.05,
                  new Policies.WalkForward(120, 30, 24),
                  histories,
                  42,
                  Long.MIN_VALUE,
                  line -> {})
              .get(1) // the calculator's targets: the governor's rate limit hides little moves
              .schedules()
              .get(market.get(1).symbol())
              .copyLt();
    }
    assertTrue(differsAfter(lt[0], lt[1], 0), "tracked thresholds differ from the model's");
  }

  /**
   * The per-asset static LT is set on the first training window alone: a shock planted anywhere
   * after that window's cut-off changes none of its values, while the same shock inside the window
   * does (so the test can fail).
   */
  @Test
  void perAssetStatic_shockAfterFirstWindow_sameFrozenLt() {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(2, 0.9, 5));
    BarSeries factor = market.get(0);
    BarSeries asset = market.get(1);
    Policies.WalkForward wf = new Policies.WalkForward(120, 30, 24);
    Incentive rule = Incentive.defaultRule(50);
    long cutoff = asset.firstOpenTimeMs() + 120 * 86_400_000L - 24 * 3_600_000L;
    int cutRow = asset.indexAtOrAfter(cutoff);
    ThresholdSchedule clean = perAsset(asset, factor, wf, rule);
    ThresholdSchedule after = perAsset(halveFrom(asset, cutRow), factor, wf, rule);
    ThresholdSchedule inside = perAsset(halveFrom(asset, cutRow - 24 * 10), factor, wf, rule);
    int defined = clean.firstDefined();
    assertTrue(defined < clean.size(), "the asset gets a per-asset LT");
    assertEquals(clean.lt(defined), clean.lt(clean.size() - 1), "frozen");
    assertArrayEquals(clean.copyLt(), after.copyLt());
    assertArrayEquals(clean.copyMaxLtv(), after.copyMaxLtv());
    assertTrue(
        Double.compare(clean.lt(defined), inside.lt(defined)) != 0,
        "a shock inside the window must change the LT");
  }

  private static ThresholdSchedule perAsset(
      BarSeries asset, BarSeries factor, Policies.WalkForward wf, Incentive rule) {
    return StaticPolicies.perAsset(
            ResolvedPolicy.defaultPolicy(), rule, wf, List.of(AssetHistory.of(asset, factor)))
        .schedules()
        .get(asset.symbol());
  }

  private static boolean differsAfter(double[] a, double[] b, int from) {
    for (int i = from; i < a.length; i++) {
      if (Double.compare(a[i], b[i]) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The series with every price from {@code row} on halved: a crash that stays. */
  static BarSeries halveFrom(BarSeries s, int row) {
    BarSeriesBuilder b = new BarSeriesBuilder(s.symbol(), s.interval(), s.size());
    for (int i = 0; i < s.size(); i++) {
      double k = i < row ? 1 : 0.5;
      b.append(
          s.openTimeMs(i),
          s.open(i) * k,
          s.high(i) * k,
          s.low(i) * k,
          s.close(i) * k,
          s.volume(i),
          s.quoteVolume(i));
    }
    return b.build();
  }
}

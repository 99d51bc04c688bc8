package io.liqopt.backtest;

import static io.liqopt.core.JavaSerialisation.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.ReusingForecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backtest walk-forward cut into groups of fits, each run apart on a fresh forecaster from inputs
 * and outputs that went through Java serialisation, in any order, gives the forecasts of the fits
 * run in order in one JVM: bit for bit, failed fits included.
 */
class WalkForwardFitsTest {
  private static final ForecastSpec SPEC = ForecastSpec.defaults();
  private static final Policies.WalkForward WF = new Policies.WalkForward(40, 20, 24);

  private static List<AssetHistory> histories;

  @BeforeAll
  static void market() {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 0.5, 7));
    histories = market.stream().map(s -> AssetHistory.of(s, market.get(0))).toList();
  }

  @Test
  void groupsRunApartShuffled_sameForecastsAsInOrder() {
    List<String> here = new ArrayList<>();
    WalkForwardForecasts inOrder = compute(reusing(), here::add);
    List<String> there = new ArrayList<>();
    Apart apart = new Apart(WalkForwardFitsTest::reusing, true);
    WalkForwardForecasts spread = compute(apart, there::add);
    assertTrue(apart.groups.size() > 1 && apart.groups.stream().anyMatch(g -> g.size() > 1));
    ForecastCacheTest.assertSameForecasts(inOrder, spread);
    assertEquals(failures(here), failures(there));
    // the first two folds have too little history for EWMA; the fifth fails on purpose
    assertEquals(3, failures(here).size(), here.toString());
    assertTrue(
        failures(here).get(2).contains("fit 5 failed (no fit for this fold)"), here.toString());
  }

  @Test
  void groupsCutApart_forecastsDiffer_soTheTestCanFail() {
    WalkForwardForecasts inOrder = compute(reusing(), line -> {});
    WalkForwardForecasts cut = compute(new Apart(WalkForwardFitsTest::reusing, false), line -> {});
    assertThrows(AssertionError.class, () -> ForecastCacheTest.assertSameForecasts(inOrder, cut));
  }

  /** The reusing forecaster, failing its fifth fit. */
  private static Forecaster reusing() {
    List<Fold> folds = WalkForwardFits.folds(new WalkForwardFits.Job(SPEC, WF, 42, 0), histories);
    return new ReusingForecaster(TrainingSet.endBefore(histories, folds.get(4).trainCutoffMs()));
  }

  private static List<String> failures(List<String> lines) {
    return lines.stream().filter(l -> l.contains("failed")).toList();
  }

  private static WalkForwardForecasts compute(Forecaster f, Consumer<String> progress) {
    return WalkForwardForecasts.compute(f, SPEC, WF, histories, 42, 0, progress);
  }

  /**
   * Runs every group (or, with {@code keepGroups} false, every fold alone) on a fresh forecaster,
   * in a shuffled order, its job and outcome serialised on the way.
   */
  private static final class Apart extends WalkForwardFits.Elsewhere {
    private final Supplier<Forecaster> make;
    private final boolean keepGroups;
    final List<List<Integer>> groups = new ArrayList<>();

    Apart(Supplier<Forecaster> make, boolean keepGroups) {
      super(make.get());
      this.make = make;
      this.keepGroups = keepGroups;
    }

    @Override
    public List<WalkForwardFits.FoldForecasts> fit(
        WalkForwardFits.Job job,
        List<AssetHistory> h,
        List<List<Integer>> given,
        Consumer<String> progress) {
      List<List<Integer>> tasks = new ArrayList<>();
      for (List<Integer> g : given) {
        groups.add(g);
        if (keepGroups) {
          tasks.add(g);
        } else {
          g.forEach(i -> tasks.add(List.of(i)));
        }
      }
      Collections.shuffle(tasks, new Random(3));
      List<WalkForwardFits.FoldForecasts> out = new ArrayList<>();
      for (List<Integer> t : tasks) {
        try (Forecaster f = make.get()) {
          out.addAll(roundTrip(WalkForwardFits.group(f, roundTrip(job), h, t, line -> {})));
        }
      }
      return out;
    }
  }
}

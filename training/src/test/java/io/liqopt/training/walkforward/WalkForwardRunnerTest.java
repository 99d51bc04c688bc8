package io.liqopt.training.walkforward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.forecast.baseline.CalibratedVarianceForecaster;
import io.liqopt.core.forecast.baseline.EwmaForecaster;
import io.liqopt.core.forecast.baseline.GarchForecaster;
import io.liqopt.core.forecast.baseline.HarForecaster;
import io.liqopt.core.forecast.baseline.HistoricalSimulationForecaster;
import io.liqopt.core.market.BarSeries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WalkForwardRunnerTest {
  private static final long DAY = 86_400_000L;
  private static List<AssetHistory> histories;
  private static WalkForwardConfig config;

  @BeforeAll
  static void market() {
    histories = SyntheticHistories.of(2, 1.0, 7);
    config =
        new WalkForwardConfig(
            ForecastSpec.defaults(), 120, 30, 24, WalkForwardConfig.DEFAULT_EVALUATION_LEVELS, 1);
  }

  @Test
  void plan_expandingBlocksWithEmbargo() {
    long first = 0;
    long last = 200 * DAY;
    List<Fold> folds = config.folds(first, last);
    // tests start at day 120, 150, 180 (the last block ends at the last bar)
    assertEquals(3, folds.size());
    assertEquals(120 * DAY, folds.get(0).testStartMs());
    assertEquals(120 * DAY - 24 * 3_600_000L, folds.get(0).trainCutoffMs());
    assertEquals(150 * DAY, folds.get(0).testEndMs());
    assertEquals(folds.get(0).testEndMs(), folds.get(1).testStartMs());
    assertEquals(last + 1, folds.get(2).testEndMs());
  }

  @Test
  void config_embargoShorterThanHorizon_refused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new WalkForwardConfig(
                ForecastSpec.defaults(),
                120,
                30,
                23,
                WalkForwardConfig.DEFAULT_EVALUATION_LEVELS,
                1));
  }

  @Test
  void run_forecastsOnlyTestBlocksAfterTheEmbargo() {
    List<String> steps = new ArrayList<>();
    EvaluationData data =
        WalkForwardRunner.run(
            histories,
            List.of(new HistoricalSimulationForecaster(90), new EwmaForecaster()),
            config,
            (done, total, what) -> steps.add(done + "/" + total));
    assertEquals(data.folds().size() * 2, steps.size());
    assertTrue(data.fits().stream().allMatch(f -> f.error() == null), data.fits().toString());
    for (AssetEvaluation a : data.assets()) {
      int comparable = 0;
      for (int i = 0; i < a.rows(); i++) {
        int f = a.fold(i);
        assertTrue(f >= 0, "every row after the first test start belongs to a fold");
        Fold fold = data.folds().get(f);
        assertTrue(a.openTimeMs(i) >= fold.testStartMs() && a.openTimeMs(i) < fold.testEndMs());
        if (a.comparable(i, 24)) {
          comparable++;
          assertTrue(a.predictions("ewma", 24).variance(i) > 0);
        }
      }
      assertTrue(
          comparable > a.rows() - 100, "only the last day lacks 24 h targets: " + comparable);
    }
  }

  @Test
  void forecast_fromTruncatedHistory_equalsForecastFromFullHistory() {
    // the model fitted on fold data must give the same forecast at row t whether it sees the bars
    // after t or not: no look-ahead anywhere between the features and the forecast
    List<Fold> folds =
        config.folds(
            histories.get(0).series().firstOpenTimeMs(),
            histories.get(0).series().lastOpenTimeMs());
    Fold fold = folds.get(1);
    TrainingSet training = TrainingSet.before(histories, fold.trainCutoffMs(), config.spec(), 1);
    List<Forecaster> forecasters =
        List.of(
            new HistoricalSimulationForecaster(90),
            new EwmaForecaster(),
            new GarchForecaster(),
            new HarForecaster(),
            new CalibratedVarianceForecaster(CalibratedVarianceForecaster.Kind.HAR_CAL),
            new CalibratedVarianceForecaster(CalibratedVarianceForecaster.Kind.GARCH_CAL),
            new CalibratedVarianceForecaster(CalibratedVarianceForecaster.Kind.HAR_GARCH));
    AssetHistory full = histories.get(1);
    BarSeries market = histories.get(0).series();
    for (Forecaster f : forecasters) {
      ForecastModel model = f.fit(training);
      for (int row :
          new int[] {
            full.series().indexAtOrAfter(fold.testStartMs()),
            full.series().indexAtOrAfter(fold.testStartMs()) + 333
          }) {
        long end = full.series().openTimeMs(row) + 1;
        AssetHistory truncated =
            AssetHistory.of(
                full.series().slice(Long.MIN_VALUE, end), market.slice(Long.MIN_VALUE, end));
        AssetForecast a = model.forecast(full, row);
        AssetForecast b = model.forecast(truncated, row);
        assertEquals(a, b, f.name() + " at row " + row);
      }
    }
  }

  @Test
  void run_everyFitSeesOnlyBarsBeforeTheEmbargoedCutoff() {
    // a spy forecaster records the last bar and the last defined target of every training set
    List<long[]> seen = new ArrayList<>();
    Forecaster spy =
        new Forecaster() {
          @Override
          public String name() {
            return "spy";
          }

          @Override
          public ForecastModel fit(TrainingSet data) {
            long lastBar = Long.MIN_VALUE;
            long lastTargetEnd = Long.MIN_VALUE;
            for (TrainingSet.Asset a : data.assets()) {
              lastBar = Math.max(lastBar, a.history().series().lastOpenTimeMs());
              var t = a.targets(24);
              for (int row = 0; row < t.size(); row++) {
                if (t.isDefined(row)) {
                  lastTargetEnd = Math.max(lastTargetEnd, t.openTimeMs(row) + 24 * 3_600_000L);
                }
              }
            }
            seen.add(new long[] {lastBar, lastTargetEnd});
            return new EwmaForecaster().fit(data);
          }
        };
    EvaluationData data = WalkForwardRunner.run(histories, List.of(spy), config, (d, t, w) -> {});
    assertEquals(data.folds().size(), seen.size());
    for (int f = 0; f < seen.size(); f++) {
      Fold fold = data.folds().get(f);
      assertTrue(seen.get(f)[0] < fold.testStartMs() - 24 * 3_600_000L, "fold " + f);
      assertTrue(seen.get(f)[1] < fold.trainCutoffMs(), "fold " + f);
    }
  }

  @Test
  void summary_sampleShorterThanTheHorizon_scoresWithoutDieboldMariano() {
    // a first test block of less than a day: too few rows for a 24 h DM test, which is left out
    long span =
        histories.get(0).series().lastOpenTimeMs() - histories.get(0).series().firstOpenTimeMs();
    int minTrainDays = (int) (span / DAY) - 1; // 365 days + 5 h of data: a 29 h test block
    WalkForwardConfig late =
        new WalkForwardConfig(
            ForecastSpec.defaults(),
            minTrainDays,
            30,
            24,
            WalkForwardConfig.DEFAULT_EVALUATION_LEVELS,
            1);
    EvaluationData data =
        WalkForwardRunner.run(
            histories,
            List.of(new HistoricalSimulationForecaster(90), new EwmaForecaster()),
            late,
            (d, t, w) -> {});
    EvaluationSummary.Summary s = EvaluationSummary.of(data, "hs");
    EvaluationSummary.Cell day =
        s.pooled().stream().filter(c -> c.horizonHours() == 24).findFirst().orElseThrow();
    assertTrue(day.rows() > 0 && day.rows() <= 24, "precondition: a short sample, " + day.rows());
    assertEquals(null, day.models().get(1).qlikeVsReference());
    assertTrue(day.models().get(1).variance().qlike() > 0);
  }

  @Test
  void trainingSet_targetsNeverReachPastTheCutoff() {
    long cutoff = histories.get(0).series().firstOpenTimeMs() + 100 * DAY;
    TrainingSet t = TrainingSet.before(histories, cutoff, config.spec(), 1);
    for (TrainingSet.Asset a : t.assets()) {
      var targets = a.targets(24);
      for (int row = 0; row < targets.size(); row++) {
        if (targets.isDefined(row)) {
          assertTrue(targets.openTimeMs(row) + 24 * 3_600_000L < cutoff);
        }
      }
      assertFalse(targets.isDefined(targets.size() - 1));
    }
  }
}

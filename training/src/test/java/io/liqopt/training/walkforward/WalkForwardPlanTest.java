package io.liqopt.training.walkforward;

import static io.liqopt.core.JavaSerialisation.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.ReusingForecaster;
import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.training.Recipe;
import io.liqopt.training.distributed.ForecasterFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The walk-forward cut into tasks: any runner, any order, the same data. */
class WalkForwardPlanTest {
  private static List<AssetHistory> histories;
  private static WalkForwardConfig config;

  @BeforeAll
  static void market() {
    histories = SyntheticHistories.of(3, 1.0, 11);
    config =
        new WalkForwardConfig(
            ForecastSpec.defaults(), 120, 30, 24, WalkForwardConfig.DEFAULT_EVALUATION_LEVELS, 3);
  }

  @Test
  void plan_coversEachFoldAndForecasterOnce_chainedForecastersInGroups() {
    Recipe recipe = Recipe.embedded().recipe();
    List<Forecaster> forecasters = recipe.forecasters(List.of("ewma", "ml", "garch"));
    WalkForwardPlan plan = WalkForwardPlan.of(histories, forecasters, config);
    int folds = plan.folds().size();
    int[][] covered = new int[folds][forecasters.size()];
    for (WalkForwardPlan.Task t : plan.tasks()) {
      for (int f : t.folds()) {
        for (int m : t.forecasters()) {
          covered[f][m]++;
        }
      }
    }
    for (int[] fold : covered) {
      assertArrayEquals(new int[] {1, 1, 1}, fold);
    }
    assertEquals(folds * 3, plan.fits());
    // ml refits every 90 days over 30-day blocks: groups of three folds, each its own task, first
    long[] ends = new long[folds];
    for (Fold f : plan.folds()) {
      ends[f.index()] = TrainingSet.endBefore(histories, f.trainCutoffMs());
    }
    List<List<Integer>> groups = forecasters.get(1).fitGroups(ends);
    assertEquals(List.of(0, 1, 2), groups.get(0));
    for (int g = 0; g < groups.size(); g++) {
      assertEquals(List.of(1), plan.tasks().get(g).forecasters());
      assertEquals(groups.get(g), plan.tasks().get(g).folds());
    }
    // the baselines share one task per fold
    assertEquals(groups.size() + folds, plan.tasks().size());
    assertEquals(List.of(0, 2), plan.tasks().get(groups.size()).forecasters());
  }

  @Test
  void endBefore_isTheTrainingSetsEnd() {
    for (long cutoff :
        new long[] {
          histories.get(0).series().openTimeMs(0),
          histories.get(0).series().openTimeMs(1),
          histories.get(1).series().openTimeMs(4_000) + 1,
          Long.MAX_VALUE
        }) {
      assertEquals(
          TrainingSet.before(histories, cutoff, config.spec(), 1).endMs(),
          TrainingSet.endBefore(histories, cutoff),
          "cut-off " + cutoff);
    }
  }

  /**
   * Tasks run in a shuffled order, each on fresh forecasters built from the recipe and its inputs
   * sent through Java serialisation as a remote runner would: the same data as the run in order.
   */
  @Test
  void tasksInAnyOrderOnFreshForecasters_sameDataAsInOrder() {
    ForecasterFactory factory =
        () -> {
          List<Forecaster> f =
              new ArrayList<>(
                  Recipe.embedded().recipe().forecasters(List.of("hs", "har", "har-garch")));
          f.add(new ReusingForecaster());
          return f;
        };
    WalkForwardPlan planned = WalkForwardPlan.of(histories, factory.create(), config);
    assertTrue(
        planned.tasks().stream()
            .anyMatch(t -> t.forecasters().equals(List.of(3)) && t.folds().size() == 2),
        "the reusing forecaster's fits in chained pairs: " + planned.tasks());
    EvaluationData inOrder =
        WalkForwardRunner.run(histories, factory.create(), config, (d, t, w) -> {});
    TaskRunner shuffled =
        (plan, listener) -> {
          List<WalkForwardPlan.Task> tasks = new ArrayList<>(plan.tasks());
          Collections.shuffle(tasks, new Random(5));
          List<WalkForwardTasks.Fit> fits = new ArrayList<>();
          for (WalkForwardPlan.Task t : tasks) {
            WalkForwardPlan remotePlan = roundTrip(plan);
            ForecasterFactory remoteFactory = roundTrip(factory);
            fits.addAll(
                roundTrip(
                    new ArrayList<>(
                        WalkForwardTasks.run(
                            roundTrip(t),
                            remotePlan,
                            histories,
                            remoteFactory.create(),
                            (d, total, w) -> {}))));
          }
          return fits;
        };
    EvaluationData anyOrder =
        WalkForwardRunner.run(histories, factory.create(), config, (d, t, w) -> {}, shuffled);
    assertEquals(Optional.empty(), EvaluationDifference.first(inOrder, anyOrder));
    // a runner that cut the reusing forecaster's pairs apart would forecast otherwise
    TaskRunner cut =
        (p, listener) -> {
          List<WalkForwardTasks.Fit> fits = new ArrayList<>();
          for (WalkForwardPlan.Task t : p.tasks()) {
            for (int fold : t.folds()) {
              WalkForwardPlan.Task alone =
                  new WalkForwardPlan.Task(0, t.forecasters(), List.of(fold));
              fits.addAll(
                  WalkForwardTasks.run(alone, p, histories, factory.create(), (d, n, w) -> {}));
            }
          }
          return fits;
        };
    EvaluationData broken =
        WalkForwardRunner.run(histories, factory.create(), config, (d, t, w) -> {}, cut);
    assertTrue(
        EvaluationDifference.first(inOrder, broken).orElse("").contains("reusing"),
        "cutting the pairs changes the reusing forecaster's forecasts");
    // and the comparison sees a single bit
    AssetEvaluation last = anyOrder.assets().get(2);
    double[] v = last.predictions("har", 24).variance;
    int row = last.rows() - 1;
    v[row] = Math.nextUp(v[row]);
    assertEquals(
        Optional.of("SYNSOLUSDT har 24 h variance"), EvaluationDifference.first(inOrder, anyOrder));
  }

  /**
   * Split by asset, the baselines that fit assets apart run a task per fold and asset, shuffled and
   * serialised, beside a pooled one per fold: the same data as the run over all assets at once,
   * with an asset that starts late (no training data in the first folds, too little for GARCH and
   * the variance-scaled models after) so that the merge of missing and failed assets is exercised.
   */
  @Test
  void splitByAsset_sameDataAsOverAllAssets_lateAndFailingAssetsIncluded() {
    List<AssetHistory> market = new ArrayList<>(histories);
    var late = SyntheticHistories.of(4, 1.0, 11).get(3).series();
    long from = late.firstOpenTimeMs() + 140 * 86_400_000L;
    market.add(AssetHistory.of(late.slice(from, Long.MAX_VALUE), histories.get(0).series()));
    ForecasterFactory factory =
        () -> Recipe.embedded().recipe().forecasters(List.of("hs", "garch", "har-garch", "ewma"));
    WalkForwardPlan split = WalkForwardPlan.of(market, factory.create(), config, true);
    int folds = split.folds().size();
    assertEquals(folds + folds * market.size(), split.tasks().size(), split.tasks().toString());
    List<Forecaster> made = factory.create();
    assertEquals(
        java.util.stream.IntStream.range(0, made.size())
            .filter(m -> !made.get(m).name().equals("har-garch"))
            .boxed()
            .toList(),
        split.tasks().get(folds).forecasters(),
        "hs, garch and ewma fit assets apart; the calibrated combination does not");
    assertEquals(List.of(folds - 1), split.tasks().get(folds).folds(), "latest fold first");
    assertEquals(0, split.tasks().get(2 * folds - 1).asset(), "asset after asset");
    assertEquals(List.of(0), split.tasks().get(2 * folds - 1).folds());
    EvaluationData whole = WalkForwardRunner.run(market, factory.create(), config, (d, t, w) -> {});
    TaskRunner byAsset =
        new TaskRunner() {
          @Override
          public List<WalkForwardTasks.Fit> runAll(
              WalkForwardPlan plan, WalkForwardRunner.Listener listener) {
            List<WalkForwardPlan.Task> tasks = new ArrayList<>(plan.tasks());
            Collections.shuffle(tasks, new Random(9));
            List<WalkForwardTasks.Fit> fits = new ArrayList<>();
            for (WalkForwardPlan.Task t : tasks) {
              fits.addAll(
                  roundTrip(
                      new ArrayList<>(
                          WalkForwardTasks.run(
                              roundTrip(t), plan, market, factory.create(), (d, n, w) -> {}))));
            }
            return fits;
          }

          @Override
          public boolean splitsAssets() {
            return true;
          }
        };
    EvaluationData apart =
        WalkForwardRunner.run(market, factory.create(), config, (d, t, w) -> {}, byAsset);
    assertEquals(Optional.empty(), EvaluationDifference.first(whole, apart));
    String symbol = late.symbol();
    assertTrue(
        whole.fits().stream().anyMatch(f -> f.notFitted().contains(symbol)),
        "the late asset failed some fit: " + whole.fits());
    assertTrue(
        whole.fits().stream()
            .anyMatch(f -> f.error() == null && !f.notFitted().contains(symbol) && f.fold() > 0),
        "and was fitted later");
  }

  @Test
  void gather_refusesAFitTwiceOrMissing() {
    List<Forecaster> forecasters = Recipe.embedded().recipe().forecasters(List.of("ewma"));
    WalkForwardPlan plan = WalkForwardPlan.of(histories, forecasters, config);
    List<WalkForwardTasks.Fit> fits = new ArrayList<>();
    for (WalkForwardPlan.Task t : plan.tasks()) {
      fits.addAll(WalkForwardTasks.run(t, plan, histories, forecasters, (d, tt, w) -> {}));
    }
    List<String> names = List.of("ewma");
    List<WalkForwardTasks.Fit> twice = new ArrayList<>(fits);
    twice.add(fits.get(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> WalkForwardRunner.gather(histories, names, plan, twice));
    assertThrows(
        IllegalArgumentException.class,
        () -> WalkForwardRunner.gather(histories, names, plan, fits.subList(1, fits.size())));
  }
}

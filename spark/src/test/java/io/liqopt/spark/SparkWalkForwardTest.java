package io.liqopt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.HourlyMarket;
import io.liqopt.store.MarketStore;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import io.liqopt.training.Recipe;
import io.liqopt.training.distributed.EngineProvider;
import io.liqopt.training.distributed.ForecasterFactory;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.walkforward.EvaluationData;
import io.liqopt.training.walkforward.EvaluationDifference;
import io.liqopt.training.walkforward.WalkForwardConfig;
import io.liqopt.training.walkforward.WalkForwardPlan;
import io.liqopt.training.walkforward.WalkForwardRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-forward on Spark in {@code local[2]} against the same walk-forward in this JVM, on a
 * small synthetic store: baselines and a small ML recipe (whose refit groups run as chained tasks),
 * the same forecasts bit for bit.
 */
class SparkWalkForwardTest {
  @TempDir static Path dir;

  private static Path root;
  private static HourlyMarket market;
  private static List<AssetHistory> histories;
  private static Recipe recipe;
  private static SparkEngine spark;

  @BeforeAll
  static void setUp() throws Exception {
    root = dir.resolve("data");
    MarketStore store = new MarketStore(root);
    for (BarSeries s :
        SyntheticMarketGenerator.DEFAULT.generate(SyntheticMarketConfig.defaults(3, 1.0, 5))) {
      store.write(s, "synthetic test market");
    }
    market = HourlyMarket.load(store, List.of(), null);
    histories = new ArrayList<>();
    for (BarSeries s : market.series()) {
      histories.add(AssetHistory.of(s, market.factor()));
    }
    recipe = SmallRecipe.of();
    spark = SparkEngine.start("local[2]");
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.close();
    }
  }

  @Test
  void walkForward_onSpark_sameForecastsAsInThisJvm() {
    ForecasterFactory factory = ForecasterFactory.of(recipe, List.of("ewma", "har-garch", "ml"));
    WalkForwardConfig config = recipe.walkForwardConfig();
    EvaluationData here =
        WalkForwardRunner.run(histories, factory.create(), config, (d, t, w) -> {});
    List<String> steps = new CopyOnWriteArrayList<>();
    EvaluationData there =
        WalkForwardRunner.run(
            histories,
            factory.create(),
            config,
            (done, total, what) -> steps.add(done + "/" + total),
            spark.walkForward(MarketSource.of(root, List.of(), null, market), factory));
    assertEquals(Optional.empty(), EvaluationDifference.first(here, there));
    WalkForwardPlan plan = WalkForwardPlan.of(histories, factory.create(), config, true);
    assertTrue(
        plan.tasks().stream().anyMatch(t -> t.asset() == 2 && t.forecasters().size() == 1),
        "ewma's fits split by asset on Spark: " + plan.tasks());
    assertTrue(plan.tasks().size() > plan.folds().size(), "the ML groups are tasks of their own");
    assertTrue(steps.size() >= plan.tasks().size(), "progress once per task: " + steps);
    int total = plan.fits();
    assertTrue(steps.contains(total + "/" + total), "progress reaches its total: " + steps);
    assertTrue(
        here.fits().stream().noneMatch(f -> f.error() != null), "every fit succeeded: " + here);
  }

  @Test
  void storeChangedUnderTheJob_theTaskRefuses() {
    ForecasterFactory factory = ForecasterFactory.of(recipe, List.of("ewma"));
    MarketSource source = MarketSource.of(root, List.of(), null, market);
    MarketSource stale =
        new MarketSource(
            source.storeUri(),
            source.symbols(),
            null,
            source.fingerprint() + "x",
            Long.MAX_VALUE,
            source.interval());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                WalkForwardRunner.run(
                    histories,
                    factory.create(),
                    recipe.walkForwardConfig(),
                    (d, t, w) -> {},
                    spark.walkForward(stale, factory)));
    assertTrue(
        e.getMessage().startsWith("a Spark task failed: the market store file:"), e.getMessage());
    assertTrue(e.getMessage().contains("holds other bars than the driver read"), e.getMessage());
    assertTrue(
        e.getMessage().lines().count() == 1 && !e.getMessage().contains("\tat "), e.getMessage());
  }

  @Test
  void provider_foundByName() {
    assertTrue(EngineProvider.find("spark").isPresent());
    assertTrue(spark.describe().contains("local[2]"), spark.describe());
  }
}

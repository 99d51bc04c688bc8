package io.liqopt.training;

import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.market.BarSeries;
import io.liqopt.ml.BundleMetrics;
import io.liqopt.ml.RecipeProvenance;
import io.liqopt.store.HourlyMarket;
import io.liqopt.training.distributed.Engine;
import io.liqopt.training.distributed.ForecasterFactory;
import io.liqopt.training.distributed.MarketSource;
import io.liqopt.training.ml.MlForecaster;
import io.liqopt.training.ml.TrainJob;
import io.liqopt.training.walkforward.EvaluationJob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code liqopt train} as a library call: optionally the walk-forward evaluation of the ML model
 * beside the baselines on the bars before the as-of time (its pooled metrics go into the manifest),
 * then {@link TrainJob} on those bars, which writes the bundle.
 */
public final class TrainingRun {

  /**
   * What to train.
   *
   * @param recipe the recipe, with any command-line overrides applied: the spec, the seed, the
   *     bundle's ML options, and for the walk-forward the models, the reference and the protocol
   * @param provenance what the manifest and the report record of the recipe
   * @param asOfExclusiveMs train (and evaluate) on bars opening before this; {@code
   *     Long.MAX_VALUE}: all
   * @param walkForward whether to evaluate first and record the metrics in the manifest
   * @param modelsDir where the bundle is written
   * @param reportsDir where the evaluation report is written
   */
  public record Request(
      Recipe recipe,
      RecipeProvenance provenance,
      long asOfExclusiveMs,
      boolean walkForward,
      Path modelsDir,
      Path reportsDir) {
    public Request {
      Objects.requireNonNull(recipe, "recipe");
      Objects.requireNonNull(provenance, "provenance");
      Objects.requireNonNull(modelsDir, "modelsDir");
      Objects.requireNonNull(reportsDir, "reportsDir");
    }
  }

  /**
   * Where a walk-forward's tasks run when not in this JVM.
   *
   * @param engine the started engine
   * @param dataDir the store's data folder, as every worker sees it
   * @param symbols the symbols the market was loaded with (empty: all)
   * @param factor the market-factor option it was loaded with (null: the default)
   */
  public record Remote(Engine engine, Path dataDir, List<String> symbols, String factor) {}

  /** What a run tells as it goes, in this order; every method does nothing by default. */
  public interface Listener {
    /** The walk-forward starts (with {@link Request#walkForward} only). */
    default void evaluating() {}

    /** Walk-forward progress: {@code done} of {@code total} steps, now at {@code what}. */
    default void evaluationStep(int done, int total, String what) {}

    /** The walk-forward finished and its report is written. */
    default void evaluated(EvaluationJob.Result result) {}

    /** The training of the bundle's model starts; it will report {@code stages} steps. */
    default void training(int assets, long asOfExclusiveMs, int stages) {}

    /** A stage or epoch of the training. */
    default void trainingStep(String line) {}
  }

  /**
   * What a run produced.
   *
   * @param evaluation the walk-forward, or null without {@link Request#walkForward}
   * @param trained the bundle written
   */
  public record Result(EvaluationJob.Result evaluation, TrainJob.Result trained) {}

  private TrainingRun() {}

  /** Runs {@code request} on {@code market}; {@code clock} dates the report and the bundle. */
  public static Result run(
      HourlyMarket market, Request request, InstantSource clock, Listener listener)
      throws IOException {
    return run(market, request, clock, listener, null);
  }

  /**
   * As above, the walk-forward's tasks on {@code remote}'s engine (null: in this JVM); the bundle's
   * model is trained here either way.
   */
  public static Result run(
      HourlyMarket market, Request request, InstantSource clock, Listener listener, Remote remote)
      throws IOException {
    Recipe recipe = request.recipe();
    ForecastSpec fs = recipe.spec();
    long asOfMs = request.asOfExclusiveMs();
    EvaluationJob.Result evaluation = null;
    BundleMetrics metrics = BundleMetrics.NONE;
    if (request.walkForward()) {
      evaluation = evaluate(market, request, clock, listener, remote);
      metrics = EvaluationJob.bundleMetrics(evaluation);
    }
    MlForecaster.Options options = recipe.mlOptions();
    int stages = fs.horizonsHours().size() + 1 + options.net().maxEpochs();
    listener.training(market.series().size(), asOfMs, stages);
    TrainJob.Result trained =
        TrainJob.run(
            market.series(),
            market.factor(),
            asOfMs,
            fs,
            options,
            recipe.forecast().seed(),
            request.modelsDir(),
            metrics,
            clock.instant(),
            listener::trainingStep,
            request.provenance());
    return new Result(evaluation, trained);
  }

  /**
   * The walk-forward of the recipe's models (the ML model refitted every {@code
   * walkForwardRefitDays}) on the bars before the as-of time.
   */
  private static EvaluationJob.Result evaluate(
      HourlyMarket market, Request request, InstantSource clock, Listener listener, Remote remote)
      throws IOException {
    long asOfMs = request.asOfExclusiveMs();
    Recipe recipe = request.recipe();
    List<String> models = new ArrayList<>(recipe.evaluation().models());
    if (!models.contains("ml")) {
      models.add("ml"); // a bundle's metrics are the ML model's beside the others
    }
    List<Forecaster> all = recipe.forecasters(models);
    List<BarSeries> past = new ArrayList<>();
    for (BarSeries s : market.series()) {
      past.add(s.slice(Long.MIN_VALUE, asOfMs));
    }
    listener.evaluating();
    EvaluationJob.Result r =
        EvaluationJob.run(
            past,
            market.factor().slice(Long.MIN_VALUE, asOfMs),
            all,
            recipe.walkForwardConfig(),
            request.reportsDir(),
            clock.instant(),
            listener::evaluationStep,
            request.provenance(),
            remote == null
                ? null
                : remote
                    .engine()
                    .walkForward(
                        MarketSource.of(
                            remote.dataDir(), remote.symbols(), remote.factor(), market, asOfMs),
                        ForecasterFactory.of(recipe, models)));
    listener.evaluated(r);
    return r;
  }
}

package io.liqopt.training.walkforward;

import io.liqopt.core.Checks;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.ForecastSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The walk-forward design.
 *
 * @param spec what is forecast (horizons, quantile levels, stress event)
 * @param minTrainDays the first test block starts this many days after the first bar
 * @param testBlockDays the length of a test block; every forecaster is refitted before each block
 * @param embargoHours the gap between the training cut-off and the first test bar, at least the
 *     longest horizon. Training targets are computed on the bars before the cut-off alone, so no
 *     label reaches past it anyway; the embargo adds a gap so that the last training labels and the
 *     first test features do not describe the same hours (defence in depth)
 * @param evaluationLevels the adverse-move quantile levels that are scored (a subset of the spec's)
 * @param seed the seed handed to every forecaster
 */
public record WalkForwardConfig(
    ForecastSpec spec,
    int minTrainDays,
    int testBlockDays,
    int embargoHours,
    List<Double> evaluationLevels,
    long seed)
    implements java.io.Serializable {

  public static final int DEFAULT_MIN_TRAIN_DAYS = 180;
  public static final int DEFAULT_TEST_BLOCK_DAYS = 30;
  public static final List<Double> DEFAULT_EVALUATION_LEVELS = List.of(0.9, 0.95, 0.99, 0.995);

  public WalkForwardConfig {
    Objects.requireNonNull(spec, "spec");
    Checks.positive(minTrainDays, "minTrainDays");
    Checks.positive(testBlockDays, "testBlockDays");
    int longest = spec.horizonsHours().get(spec.horizonsHours().size() - 1);
    if (embargoHours < longest) {
      throw new IllegalArgumentException(
          "the embargo ("
              + embargoHours
              + " h) must be at least the longest horizon ("
              + longest
              + " h)");
    }
    evaluationLevels = List.copyOf(evaluationLevels);
    if (evaluationLevels.isEmpty()
        || evaluationLevels.stream().distinct().count() != evaluationLevels.size()) {
      throw new IllegalArgumentException(
          "evaluation levels must be non-empty and distinct: " + evaluationLevels);
    }
    double[] levels = spec.levelArray();
    for (double l : evaluationLevels) {
      if (Arrays.stream(levels).noneMatch(x -> x == l)) {
        throw new IllegalArgumentException(
            "evaluation level "
                + l
                + " is not among the forecast levels "
                + Arrays.toString(levels));
      }
    }
  }

  /** Defaults: 180 days before the first test, 30-day blocks, embargo = the longest horizon. */
  public static WalkForwardConfig defaults(ForecastSpec spec, long seed) {
    return of(spec, DEFAULT_MIN_TRAIN_DAYS, DEFAULT_TEST_BLOCK_DAYS, null, seed);
  }

  /**
   * The design of {@code liqopt evaluate}: the default evaluation levels, and an embargo of {@code
   * embargoHours} or, when null, the longest horizon.
   */
  public static WalkForwardConfig of(
      ForecastSpec spec, int minTrainDays, int testBlockDays, Integer embargoHours, long seed) {
    int longest = spec.horizonsHours().get(spec.horizonsHours().size() - 1);
    return new WalkForwardConfig(
        spec,
        minTrainDays,
        testBlockDays,
        embargoHours == null ? longest : embargoHours,
        DEFAULT_EVALUATION_LEVELS,
        seed);
  }

  /** The evaluation levels as a new array, for scoring code that indexes them. */
  public double[] evaluationLevelsArray() {
    return evaluationLevels.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The folds over bars from {@code firstMs} to {@code lastMs}: test blocks of {@link
   * #testBlockDays} from {@link #minTrainDays} after the first bar, each after the embargo.
   */
  public java.util.List<Fold> folds(long firstMs, long lastMs) {
    long day = 86_400_000L;
    return Fold.plan(
        firstMs + minTrainDays * day, lastMs, testBlockDays * day, embargoHours * 3_600_000L);
  }
}

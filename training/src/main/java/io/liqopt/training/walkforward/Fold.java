package io.liqopt.training.walkforward;

/**
 * One walk-forward fold: train on bars opening before {@code trainCutoffMs} (with targets computed
 * on those bars alone), test on bars opening in [{@code testStartMs}, {@code testEndMs}).
 * {@code testStartMs − trainCutoffMs} is the embargo. Times are UTC epoch ms.
 */
public record Fold(int index, long trainCutoffMs, long testStartMs, long testEndMs) {
  public Fold {
    if (!(trainCutoffMs <= testStartMs && testStartMs < testEndMs)) {
      throw new IllegalArgumentException("fold " + index + " is not ordered: cutoff " + trainCutoffMs
          + ", test [" + testStartMs + ", " + testEndMs + ")");
    }
  }

  /**
   * Expanding-window folds covering [{@code firstMs} + minTrainDays, {@code lastMs}]: consecutive
   * test blocks of testBlockDays (the last one may be shorter), each with the embargo before it.
   */
  public static java.util.List<Fold> plan(long firstMs, long lastMs, WalkForwardConfig config) {
    long day = 86_400_000L;
    long block = config.testBlockDays() * day;
    long embargo = config.embargoHours() * 3_600_000L;
    java.util.List<Fold> folds = new java.util.ArrayList<>();
    for (long start = firstMs + config.minTrainDays() * day; start <= lastMs; start += block) {
      folds.add(new Fold(folds.size(), start - embargo, start, Math.min(start + block, lastMs + 1)));
    }
    return folds;
  }
}

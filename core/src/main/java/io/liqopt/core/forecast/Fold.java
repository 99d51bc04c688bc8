package io.liqopt.core.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * One walk-forward block: models are fitted on the bars opening before {@code trainCutoffMs} and
 * used on the bars opening in [{@code testStartMs}, {@code testEndMs}). The one planner of
 * walk-forward blocks, shared by the evaluation (training) and the backtest's refitted policies.
 *
 * @param index the block's position, from 0
 * @param trainCutoffMs bars opening at or after this are never seen by the fit (epoch ms)
 * @param testStartMs the first test bar's open time, at least {@code trainCutoffMs} (the gap is the
 *     embargo)
 * @param testEndMs the end of the test block, exclusive
 */
public record Fold(int index, long trainCutoffMs, long testStartMs, long testEndMs)
    implements java.io.Serializable {
  public Fold {
    if (!(trainCutoffMs <= testStartMs && testStartMs < testEndMs)) {
      throw new IllegalArgumentException(
          "fold "
              + index
              + " is not ordered: cutoff "
              + trainCutoffMs
              + ", test ["
              + testStartMs
              + ", "
              + testEndMs
              + ")");
    }
  }

  /**
   * Expanding-window blocks covering [{@code startMs}, {@code lastMs}]: consecutive test blocks of
   * {@code blockMs} (the last one ends at {@code lastMs} + 1 ms), each with its training cut-off
   * {@code embargoMs} before it. Empty when {@code startMs > lastMs}.
   */
  public static List<Fold> plan(long startMs, long lastMs, long blockMs, long embargoMs) {
    if (!(blockMs > 0) || embargoMs < 0) {
      throw new IllegalArgumentException(
          "block length must be positive and the embargo not "
              + "negative: "
              + blockMs
              + ", "
              + embargoMs);
    }
    List<Fold> folds = new ArrayList<>();
    for (long start = startMs; start <= lastMs; start += blockMs) {
      folds.add(
          new Fold(folds.size(), start - embargoMs, start, Math.min(start + blockMs, lastMs + 1)));
    }
    return folds;
  }
}

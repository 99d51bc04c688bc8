package io.liqopt.core.forecast;

import io.liqopt.core.forecast.baseline.EwmaForecaster;
import java.util.ArrayList;
import java.util.List;

/**
 * A test forecaster with the ML model's reuse rule in small: EWMA refitted only when 45 days have
 * passed since the data of the model it keeps, else that model reused. Over folds shorter than 45
 * days its fits come in groups ({@link #fitGroups}) that must run in order on one instance; its
 * quantiles come from its training residuals, so a reused model forecasts otherwise than a refit
 * one, and a walk-forward that cuts a group apart gives other forecasts.
 */
public final class ReusingForecaster implements Forecaster {
  private static final long SPAN_MS = 45 * 86_400_000L;
  private final Forecaster base = new EwmaForecaster();
  private final long failAtEndMs;
  private ForecastModel kept;
  private long keptEnd;

  /** Never failing. */
  public ReusingForecaster() {
    this(Long.MIN_VALUE);
  }

  /** Failing the fit whose training data ends at {@code failAtEndMs}. */
  public ReusingForecaster(long failAtEndMs) {
    this.failAtEndMs = failAtEndMs;
  }

  @Override
  public String name() {
    return "reusing";
  }

  @Override
  public ForecastModel fit(TrainingSet data) {
    if (data.endMs() == failAtEndMs) {
      throw new IllegalStateException("no fit for this fold");
    }
    if (kept == null || !reuses(keptEnd, data.endMs())) {
      kept = base.fit(data);
      keptEnd = data.endMs();
    }
    return kept;
  }

  @Override
  public List<List<Integer>> fitGroups(long[] ends) {
    List<List<Integer>> groups = new ArrayList<>();
    long end = Long.MIN_VALUE;
    for (int i = 0; i < ends.length; i++) {
      if (groups.isEmpty() || !reuses(end, ends[i])) {
        groups.add(new ArrayList<>());
        end = ends[i];
      }
      groups.get(groups.size() - 1).add(i);
    }
    return groups;
  }

  private static boolean reuses(long keptEnd, long end) {
    return end >= keptEnd && end - keptEnd < SPAN_MS;
  }

  @Override
  public void close() {
    kept = null;
  }
}

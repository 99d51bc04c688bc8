package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.forecast.Fold;
import io.liqopt.core.forecast.ForecastModel;
import io.liqopt.core.forecast.ForecastSpec;
import io.liqopt.core.forecast.Forecaster;
import io.liqopt.core.forecast.TrainingSet;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The fits of {@link WalkForwardForecasts#compute}, cut into groups that can run apart: a group is
 * the folds a forecaster must fit in order ({@link Forecaster#fitGroups}: one per fold, or the
 * folds that reuse one model), and its outcome is plain serialisable data. A forecaster that is an
 * {@link Elsewhere} runs its groups where it decides (a cluster); the results are the same as
 * fitting every fold in order in this JVM.
 */
public final class WalkForwardFits {
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  private WalkForwardFits() {}

  /**
   * What a walk-forward is given besides the forecaster and the market: it travels to where fits
   * run.
   *
   * @param startMs forecasts from here on at the earliest
   */
  public record Job(ForecastSpec spec, Policies.WalkForward wf, long seed, long startMs)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * One fold's outcome.
   *
   * @param fold the fold's index
   * @param failure why the fit failed (the block then has no forecasts), or null
   * @param rows per asset with forecasts, the fold's rows
   */
  public record FoldForecasts(int fold, String failure, List<Rows> rows) implements Serializable {
    private static final long serialVersionUID = 1L;

    public FoldForecasts {
      rows = List.copyOf(rows);
    }
  }

  /**
   * One asset's forecasts of one fold, in the forecast cache's own encoding ({@link
   * ForecastFileFormat}, exact).
   *
   * @param from the series row of the first forecast
   */
  public record Rows(String symbol, int from, byte[] encoded) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The forecasts, rows {@code from} on. */
    public AssetForecast[] forecasts() {
      return ForecastFileFormat.decode(ByteBuffer.wrap(encoded), symbol);
    }
  }

  /**
   * A forecaster that is another one in this JVM ({@code here}: its name, fits, choices and groups)
   * and runs its walk-forward's groups of folds elsewhere.
   */
  public abstract static class Elsewhere implements Forecaster {
    private final Forecaster here;

    protected Elsewhere(Forecaster here) {
      this.here = here;
    }

    /**
     * The outcome of every fold of {@code groups}, each group's folds fitted in order on a
     * forecaster that kept nothing from an earlier group, over {@code histories} (which the
     * implementation rebuilds where the fits run, or refuses).
     *
     * @param progress receives a line per finished group
     */
    public abstract List<FoldForecasts> fit(
        Job job,
        List<AssetHistory> histories,
        List<List<Integer>> groups,
        Consumer<String> progress);

    @Override
    public String name() {
      return here.name();
    }

    @Override
    public ForecastModel fit(TrainingSet data) {
      return here.fit(data);
    }

    @Override
    public java.util.Map<String, String> choices() {
      return here.choices();
    }

    @Override
    public List<List<Integer>> fitGroups(long[] trainingEndsMs) {
      return here.fitGroups(trainingEndsMs);
    }

    @Override
    public void close() {
      here.close();
    }
  }

  /**
   * The folds: the first fit after {@code wf.minTrainDays()} of history (and not before {@code
   * startMs}), then one every {@code wf.refitDays()}, each on the bars opening before its block
   * start minus the embargo.
   */
  public static List<Fold> folds(Job job, List<AssetHistory> histories) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (AssetHistory h : histories) {
      first = Math.min(first, h.series().firstOpenTimeMs());
      last = Math.max(last, h.series().lastOpenTimeMs());
    }
    long start = Math.max(first + job.wf().minTrainDays() * DAY_MS, job.startMs());
    return Fold.plan(start, last, job.wf().refitDays() * DAY_MS, job.wf().embargoHours() * HOUR_MS);
  }

  /** The groups of folds {@code forecaster} must fit in order ({@link Forecaster#fitGroups}). */
  public static List<List<Integer>> groups(
      Forecaster forecaster, List<Fold> folds, List<AssetHistory> histories) {
    long[] ends = new long[folds.size()];
    for (Fold f : folds) {
      ends[f.index()] = TrainingSet.endBefore(histories, f.trainCutoffMs());
    }
    return forecaster.fitGroups(ends);
  }

  /**
   * Fits the folds of {@code group}, in order, on {@code forecaster}: the work of one task where
   * the fits run.
   */
  public static List<FoldForecasts> group(
      Forecaster forecaster,
      Job job,
      List<AssetHistory> histories,
      List<Integer> group,
      Consumer<String> progress) {
    List<Fold> folds = folds(job, histories);
    List<FoldForecasts> out = new ArrayList<>();
    for (int i : group) {
      List<Rows> rows = new ArrayList<>();
      String failure =
          fit(
              forecaster,
              job,
              histories,
              folds.get(i),
              folds.size(),
              (symbol, from, f) ->
                  rows.add(new Rows(symbol, from, bytes(ForecastFileFormat.encode(symbol, f)))),
              progress);
      out.add(new FoldForecasts(i, failure, rows));
    }
    return out;
  }

  /** Receives one asset's forecasts of a fold. */
  interface Sink {
    void accept(String symbol, int from, AssetForecast[] forecasts);
  }

  /**
   * Fits {@code fold} and hands {@code sink} every asset's forecasts of its test rows; returns the
   * failure's message (the block then has none), or null.
   */
  static String fit(
      Forecaster forecaster,
      Job job,
      List<AssetHistory> histories,
      Fold fold,
      int folds,
      Sink sink,
      Consumer<String> progress) {
    String name = forecaster.name();
    progress.accept(
        String.format(
            Locale.ROOT,
            "%s: fit %d/%d on bars before %s",
            name,
            fold.index() + 1,
            folds,
            Instant.ofEpochMilli(fold.trainCutoffMs())));
    ForecastModel model;
    long cutoff = fold.trainCutoffMs();
    try {
      model = forecaster.fit(TrainingSet.before(histories, cutoff, job.spec(), job.seed()));
    } catch (RuntimeException e) {
      return java.util.Objects.toString(e.getMessage(), e.getClass().getName());
    }
    for (AssetHistory h : histories) {
      int from = h.series().indexAtOrAfter(fold.testStartMs());
      int to = h.series().indexAtOrAfter(fold.testEndMs());
      if (from >= to || !model.symbols().contains(h.symbol())) {
        continue;
      }
      sink.accept(h.symbol(), from, model.forecastRows(h, from, to).toArray(AssetForecast[]::new));
    }
    return null;
  }

  /** The line a failed fit leaves. */
  static String failureLine(String name, int fold, String failure) {
    return name + ": fit " + (fold + 1) + " failed (" + failure + "); the block has no forecasts";
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.get(a);
    return a;
  }
}

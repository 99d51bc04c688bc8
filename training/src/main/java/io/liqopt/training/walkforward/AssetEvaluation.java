package io.liqopt.training.walkforward;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.target.HorizonTargets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The out-of-sample forecasts of every model for one asset, row by row from the first test bar, and
 * the realised targets they are judged against.
 *
 * <p>On bars shorter than an hour every bar is forecast, but only the forecasts made at the close
 * of an hour are scored ({@link #onTheHour}), and the scores count time in hours ({@link
 * #scoringRow}): the tests' lags, the non-overlapping windows and the blocks of their intervals
 * mean the same on minute bars as on hourly ones.
 */
public final class AssetEvaluation {
  private static final long HOUR_MS = 3_600_000L;
  private final String symbol;
  private final int firstRow;
  private final BarInterval interval;
  private final long intervalMs;
  private final long[] openTimeMs;
  private final double[] close;
  private final int[] fold;
  private final Map<Integer, HorizonTargets> realised;
  private final Map<String, Map<Integer, Predictions>> predictions = new LinkedHashMap<>();

  AssetEvaluation(
      String symbol,
      int firstRow,
      BarInterval interval,
      long[] openTimeMs,
      double[] close,
      Map<Integer, HorizonTargets> realised,
      List<String> models,
      List<Integer> horizons,
      int levels,
      int stressHorizon) {
    this.symbol = symbol;
    this.firstRow = firstRow;
    this.interval = interval;
    this.intervalMs = interval.millis();
    this.openTimeMs = openTimeMs;
    this.close = close;
    this.fold = new int[openTimeMs.length];
    java.util.Arrays.fill(fold, -1);
    this.realised = realised;
    for (String m : models) {
      Map<Integer, Predictions> byHorizon = new LinkedHashMap<>();
      for (int h : horizons) {
        byHorizon.put(h, new Predictions(openTimeMs.length, levels, h == stressHorizon));
      }
      predictions.put(m, byHorizon);
    }
  }

  /** The bars' interval. */
  public BarInterval interval() {
    return interval;
  }

  public String symbol() {
    return symbol;
  }

  /** The number of evaluation rows. */
  public int rows() {
    return openTimeMs.length;
  }

  public long openTimeMs(int i) {
    return openTimeMs[i];
  }

  /** The close of the bar of row i (the price the adverse move is measured from). */
  public double close(int i) {
    return close[i];
  }

  /** The fold that forecast row i, −1 if none did. */
  public int fold(int i) {
    return fold[i];
  }

  void setFold(int i, int f) {
    fold[i] = f;
  }

  /** The series row of evaluation row 0. */
  int firstRow() {
    return firstRow;
  }

  public HorizonTargets realised(int horizon) {
    return realised.get(horizon);
  }

  /** The realised targets are indexed by series row: this maps an evaluation row to it. */
  public int seriesRow(int i) {
    return firstRow + i;
  }

  /**
   * Whether row i's forecast is made at the close of an hour: every row of hourly (or longer) bars;
   * one row in 60 of minute bars.
   */
  public boolean onTheHour(int i) {
    return intervalMs >= HOUR_MS || (openTimeMs[i] + intervalMs) % HOUR_MS == 0;
  }

  /**
   * The row's position in the scores' time, in steps of an hour: the series row on hourly (or
   * longer) bars, so that a gap in the data shortens the distances as before; the hours since the
   * epoch at the bar's close on shorter bars.
   */
  public long scoringRow(int i) {
    return intervalMs >= HOUR_MS ? seriesRow(i) : (openTimeMs[i] + intervalMs) / HOUR_MS;
  }

  public Predictions predictions(String model, int horizon) {
    return predictions.get(model).get(horizon);
  }

  /**
   * True if row i can be scored for {@code horizon}: it is {@link #onTheHour on the hour}, its
   * target is defined and every model forecast it, so all models are compared on the same rows.
   */
  public boolean comparable(int i, int horizon) {
    if (fold[i] < 0 || !onTheHour(i) || !realised.get(horizon).isDefined(firstRow + i)) {
      return false;
    }
    for (Map<Integer, Predictions> m : predictions.values()) {
      if (!m.get(horizon).has(i)) {
        return false;
      }
    }
    return true;
  }
}

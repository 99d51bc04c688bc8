package io.liqopt.training.walkforward;

import io.liqopt.core.target.HorizonTargets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The out-of-sample forecasts of every model for one asset, row by row from the first test bar, and
 * the realised targets they are judged against.
 */
public final class AssetEvaluation {
  private final String symbol;
  private final int firstRow;
  private final long[] openTimeMs;
  private final double[] close;
  private final int[] fold;
  private final Map<Integer, HorizonTargets> realised;
  private final Map<String, Map<Integer, Predictions>> predictions = new LinkedHashMap<>();

  AssetEvaluation(
      String symbol,
      int firstRow,
      long[] openTimeMs,
      double[] close,
      Map<Integer, HorizonTargets> realised,
      List<String> models,
      List<Integer> horizons,
      int levels,
      int stressHorizon) {
    this.symbol = symbol;
    this.firstRow = firstRow;
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

  public Predictions predictions(String model, int horizon) {
    return predictions.get(model).get(horizon);
  }

  /**
   * True if row i can be scored for {@code horizon}: its target is defined and every model forecast
   * it, so all models are compared on the same rows.
   */
  public boolean comparable(int i, int horizon) {
    if (fold[i] < 0 || !realised.get(horizon).isDefined(firstRow + i)) {
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

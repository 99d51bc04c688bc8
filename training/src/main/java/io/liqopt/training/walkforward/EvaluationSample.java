package io.liqopt.training.walkforward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparable rows of one asset (or several, concatenated) for one horizon, as columns: the
 * realised targets, the fold and time of each row, and every model's forecasts. {@link
 * EvaluationSummary} scores these columns; keeping them apart keeps the row selection (which rows
 * every model forecast) in one place. Mutable and not thread-safe: filled once, then only read.
 */
final class EvaluationSample {
  String symbol;
  double[] realisedVariance;
  double[] realisedMove;
  boolean[] stress;
  int[] fold;
  long[] seriesRow;
  long[] time;
  final Map<String, Integer> withoutForecast = new LinkedHashMap<>();
  final Map<String, double[]> variance = new LinkedHashMap<>();
  final Map<String, double[][]> quantiles = new LinkedHashMap<>();
  Map<String, double[]> stressProbability;

  int rows() {
    return realisedVariance.length;
  }

  /**
   * The rows the variance scores use: those whose realised variance is at least {@code floor} (the
   * {@link io.liqopt.training.metrics.VarianceLoss} floor); flat hours below it are left out of
   * every variance score, for every model alike.
   */
  int[] varianceRows(double floor) {
    int count = 0;
    for (double v : realisedVariance) {
      count += v >= floor ? 1 : 0;
    }
    int[] idx = new int[count];
    int k = 0;
    for (int i = 0; i < realisedVariance.length; i++) {
      if (realisedVariance[i] >= floor) {
        idx[k++] = i;
      }
    }
    return idx;
  }

  /** The values of {@code x} at rows {@code idx}. */
  static double[] select(double[] x, int[] idx) {
    double[] out = new double[idx.length];
    for (int k = 0; k < idx.length; k++) {
      out[k] = x[idx[k]];
    }
    return out;
  }

  /** The values of {@code x} at rows {@code idx}. */
  static long[] select(long[] x, int[] idx) {
    long[] out = new long[idx.length];
    for (int k = 0; k < idx.length; k++) {
      out[k] = x[idx[k]];
    }
    return out;
  }

  /** Rows whose series row is a multiple of H: windows that do not overlap. */
  int[] nonOverlapping(int h) {
    int count = 0;
    for (long r : seriesRow) {
      count += r % h == 0 ? 1 : 0;
    }
    int[] idx = new int[count];
    int k = 0;
    for (int i = 0; i < seriesRow.length; i++) {
      if (seriesRow[i] % h == 0) {
        idx[k++] = i;
      }
    }
    return idx;
  }

  /**
   * The rows of asset {@code a} at horizon {@code h} that every model forecast and whose target is
   * defined, and per model the test rows with a defined target it did not forecast.
   */
  static EvaluationSample of(
      AssetEvaluation a,
      int h,
      List<String> models,
      double[] levels,
      double stressLevel,
      boolean withStress) {
    int n = 0;
    for (int i = 0; i < a.rows(); i++) {
      n += a.comparable(i, h) ? 1 : 0;
    }
    EvaluationSample s = allocate(n, models, levels.length, withStress);
    s.symbol = a.symbol();
    var realised = a.realised(h);
    for (String m : models) {
      int missing = 0;
      Predictions p = a.predictions(m, h);
      for (int i = 0; i < a.rows(); i++) {
        if (a.fold(i) >= 0 && a.onTheHour(i) && realised.isDefined(a.seriesRow(i)) && !p.has(i)) {
          missing++;
        }
      }
      s.withoutForecast.put(m, missing);
    }
    int k = 0;
    for (int i = 0; i < a.rows(); i++) {
      if (!a.comparable(i, h)) {
        continue;
      }
      int row = a.seriesRow(i);
      s.realisedVariance[k] = realised.realisedVariance(row);
      s.realisedMove[k] = realised.longAdverseMove(row);
      s.stress[k] = realised.longAdverseMove(row) > stressLevel;
      s.fold[k] = a.fold(i);
      s.seriesRow[k] = a.scoringRow(i);
      s.time[k] = a.openTimeMs(i);
      for (String m : models) {
        Predictions p = a.predictions(m, h);
        s.variance.get(m)[k] = p.variance(i);
        for (int l = 0; l < levels.length; l++) {
          s.quantiles.get(m)[l][k] = p.quantile(l, i);
        }
        if (withStress) {
          s.stressProbability.get(m)[k] = p.stressProbability(i);
        }
      }
      k++;
    }
    return s;
  }

  /** Zero-filled columns for {@code n} rows. */
  static EvaluationSample allocate(int n, List<String> models, int levels, boolean withStress) {
    EvaluationSample s = new EvaluationSample();
    s.realisedVariance = new double[n];
    s.realisedMove = new double[n];
    s.stress = new boolean[n];
    s.fold = new int[n];
    s.seriesRow = new long[n];
    s.time = new long[n];
    if (withStress) {
      s.stressProbability = new LinkedHashMap<>();
    }
    for (String m : models) {
      s.variance.put(m, new double[n]);
      s.quantiles.put(m, new double[levels][n]);
      if (withStress) {
        s.stressProbability.put(m, new double[n]);
      }
    }
    return s;
  }

  /** The parts one after another (pooled cells), their missing-forecast counts summed. */
  static EvaluationSample concat(
      List<EvaluationSample> parts, List<String> models, double[] levels, boolean withStress) {
    int n = parts.stream().mapToInt(EvaluationSample::rows).sum();
    EvaluationSample s = allocate(n, models, levels.length, withStress);
    s.symbol = EvaluationSummary.POOLED;
    int at = 0;
    for (EvaluationSample p : parts) {
      int m = p.rows();
      System.arraycopy(p.realisedVariance, 0, s.realisedVariance, at, m);
      System.arraycopy(p.realisedMove, 0, s.realisedMove, at, m);
      System.arraycopy(p.stress, 0, s.stress, at, m);
      System.arraycopy(p.fold, 0, s.fold, at, m);
      System.arraycopy(p.seriesRow, 0, s.seriesRow, at, m);
      System.arraycopy(p.time, 0, s.time, at, m);
      p.withoutForecast.forEach((model, c) -> s.withoutForecast.merge(model, c, Integer::sum));
      for (String model : models) {
        System.arraycopy(p.variance.get(model), 0, s.variance.get(model), at, m);
        for (int l = 0; l < levels.length; l++) {
          System.arraycopy(p.quantiles.get(model)[l], 0, s.quantiles.get(model)[l], at, m);
        }
        if (withStress) {
          System.arraycopy(
              p.stressProbability.get(model), 0, s.stressProbability.get(model), at, m);
        }
      }
      at += m;
    }
    return s;
  }
}

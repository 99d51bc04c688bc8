package io.liqopt.training.ml;

import io.liqopt.core.forecast.TrainingSet;
import io.liqopt.core.target.HorizonTargets;
import io.liqopt.ml.LogVarianceModel;
import io.liqopt.ml.MlForecastModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The usable rows of a {@link TrainingSet} (complete features and every target defined), pooled
 * across assets, and their split in time into the fit, selection and calibration blocks of {@link
 * MlForecaster}, each separated by an embargo of the longest horizon. Targets are kept per row as
 * {@code rv, long MAE, short MAE} per horizon (column {@code 3k}, {@code 3k+1}, {@code 3k+2} for
 * horizon index k). Built once per fit; the row arrays are shared, not copied.
 */
final class TrainingBlocks {
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;

  /** Floor of realised variance before the logarithm (flat hours), as in the evaluation's QLIKE. */
  private static final double RV_FLOOR = 1e-10;

  /** Input row of every usable row. */
  final List<double[]> xs = new ArrayList<>();

  /** Targets of every usable row: rv, long and short MAE per horizon. */
  final List<double[]> ys = new ArrayList<>();

  /** Open time of every usable row. */
  final List<Long> times = new ArrayList<>();

  /** Asset index and history row of every usable row. */
  final List<int[]> where = new ArrayList<>();

  /** The fit block's rows, subsampled to at most {@code maxTrainRows} (every k-th). */
  final List<Integer> fitRows = new ArrayList<>();

  /** The selection block's rows. */
  final List<Integer> sel = new ArrayList<>();

  /** The calibration block's rows. */
  final List<Integer> cal = new ArrayList<>();

  /** One past the last usable row's open time. */
  long endMs;

  /** Start of the selection block. */
  long selStartMs;

  /** The embargo between blocks: the longest horizon. */
  long embargoMs;

  private TrainingBlocks() {}

  /**
   * Collects the usable rows and splits them.
   *
   * @throws IllegalArgumentException with no usable row, or a block under {@code minRows}
   */
  static TrainingBlocks of(
      TrainingSet data, List<String> assets, MlForecaster.Options options, int minRows) {
    List<Integer> horizons = data.spec().horizonsHours();
    TrainingBlocks b = new TrainingBlocks();
    b.collect(data, assets, horizons);
    if (b.times.isEmpty()) {
      throw new IllegalArgumentException("no training rows with complete features and targets");
    }
    b.split(horizons.get(horizons.size() - 1), options, minRows);
    return b;
  }

  /** Every usable row, in asset then time order. */
  private void collect(TrainingSet data, List<String> assets, List<Integer> horizons) {
    for (int ai = 0; ai < data.assets().size(); ai++) {
      TrainingSet.Asset a = data.assets().get(ai);
      for (int row = 0; row < a.history().size(); row++) {
        double[] x = MlForecastModel.inputRow(a.history().features(), row, assets);
        if (x == null) {
          continue;
        }
        double[] y = new double[3 * horizons.size()];
        boolean ok = true;
        for (int k = 0; k < horizons.size() && ok; k++) {
          HorizonTargets t = a.targets(horizons.get(k));
          ok = t.isDefined(row);
          if (ok) {
            y[3 * k] = t.realisedVariance(row);
            y[3 * k + 1] = t.longAdverseMove(row);
            y[3 * k + 2] = t.shortAdverseMove(row);
          }
        }
        if (ok) {
          xs.add(x);
          ys.add(y);
          times.add(a.history().series().openTimeMs(row));
          where.add(new int[] {ai, row});
        }
      }
    }
  }

  /** The three blocks by time, rows within an embargo of the next block dropped. */
  private void split(int maxHorizonHours, MlForecaster.Options options, int minRows) {
    endMs = times.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
    long calStart = endMs - options.calibrationDays() * DAY_MS;
    selStartMs = calStart - options.selectionDays() * DAY_MS;
    embargoMs = maxHorizonHours * HOUR_MS;
    List<Integer> fit = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      long t = times.get(i);
      if (t + embargoMs < selStartMs) {
        fit.add(i);
      } else if (t >= selStartMs && t + embargoMs < calStart) {
        sel.add(i);
      } else if (t >= calStart) {
        cal.add(i);
      }
    }
    if (fit.size() < minRows || sel.size() < minRows || cal.size() < minRows) {
      throw new IllegalArgumentException(
          "ML training needs at least "
              + minRows
              + " rows in each of the fit, selection and calibration blocks; got "
              + fit.size()
              + ", "
              + sel.size()
              + ", "
              + cal.size());
    }
    int stride = (fit.size() + options.maxTrainRows() - 1) / options.maxTrainRows();
    for (int i = 0; i < fit.size(); i += stride) {
      fitRows.add(fit.get(i));
    }
  }

  /** The selection block followed by the calibration block. */
  List<Integer> heldOut() {
    List<Integer> heldOut = new ArrayList<>(sel);
    heldOut.addAll(cal);
    return heldOut;
  }

  /** The input rows of {@code idx}. */
  double[][] x(List<Integer> idx) {
    double[][] out = new double[idx.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = xs.get(idx.get(i));
    }
    return out;
  }

  /** Target column {@code col} of rows {@code idx}. */
  double[] column(List<Integer> idx, int col) {
    double[] out = new double[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ys.get(idx.get(i))[col];
    }
    return out;
  }

  /** log(max(rv, floor)) of realised-variance column {@code col} of rows {@code idx}. */
  double[] logRv(List<Integer> idx, int col) {
    double[] out = column(idx, col);
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.log(Math.max(out[i], RV_FLOOR));
    }
    return out;
  }

  /** Whether the long MAE of horizon index k exceeds {@code level}, per row of {@code idx}. */
  boolean[] stress(List<Integer> idx, int k, double level) {
    boolean[] out = new boolean[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ys.get(idx.get(i))[3 * k + 1] > level;
    }
    return out;
  }

  /** MAE_H / σ̂_H of the rows, σ̂² = exp(m̂ + s²/2) from the variance model. */
  double[] standardised(
      List<Integer> idx,
      int k,
      double[][] x,
      LogVarianceModel variance,
      double logResidualVariance) {
    double[] logVar = variance.predict(x);
    double[] out = new double[idx.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          ys.get(idx.get(i))[3 * k + 1]
              / Math.sqrt(MlForecastModel.meanVariance(logVar[i], logResidualVariance));
    }
    return out;
  }
}

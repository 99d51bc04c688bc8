package io.liqopt.core.simulation;

import io.liqopt.core.stats.Quantiles;
import java.io.Serializable;
import java.util.Arrays;

/**
 * What a price fan chart draws of one asset's paths: the quantiles of the log close hour by hour
 * and the first few paths. Small, so a calibration that ran elsewhere brings it back instead of its
 * paths.
 *
 * @param paths the paths it was drawn from
 * @param levels the quantile levels
 * @param quantiles [level][hour]: the log close's quantile at hour {@code h + 1}
 * @param samples [path][hour]: the first paths' log closes
 */
public record PriceFan(int paths, double[] levels, double[][] quantiles, double[][] samples)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The fan's levels: 5, 25, 50, 75 and 95 %. */
  public static final double[] LEVELS = {0.05, 0.25, 0.5, 0.75, 0.95};

  /** Sample paths kept. */
  public static final int SAMPLES = 20;

  /** The fan of asset {@code asset} of {@code paths}. */
  public static PriceFan of(Paths paths, int asset) {
    int h = paths.hours();
    double[][] q = new double[LEVELS.length][h];
    double[] col = new double[paths.paths()];
    for (int t = 0; t < h; t++) {
      for (int p = 0; p < col.length; p++) {
        col[p] = paths.logClose(asset, p, t);
      }
      Arrays.sort(col);
      for (int j = 0; j < LEVELS.length; j++) {
        q[j][t] = Quantiles.ofSorted(col, LEVELS[j]);
      }
    }
    double[][] samples = new double[Math.min(SAMPLES, paths.paths())][h];
    for (int p = 0; p < samples.length; p++) {
      for (int t = 0; t < h; t++) {
        samples[p][t] = paths.logClose(asset, p, t);
      }
    }
    return new PriceFan(paths.paths(), LEVELS.clone(), q, samples);
  }

  /** Hours of the paths. */
  public int hours() {
    return quantiles.length == 0 ? 0 : quantiles[0].length;
  }
}

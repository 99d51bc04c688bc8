package io.liqopt.ml.gbm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic problems for the GBM tests (the role of Tribuo's RegressionDataGenerator). */
final class GbmTestData {
  private GbmTestData() {}

  static List<String> names(int width) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < width; j++) {
      names.add("f" + j);
    }
    return names;
  }

  /** Rows of independent U(−1.5, 1.5) features. */
  static double[][] rows(int n, int width, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[n][width];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < width; j++) {
        x[i][j] = rng.nextDouble(-1.5, 1.5);
      }
    }
    return x;
  }

  /**
   * The noise-free regression function: sin(2·x0) + x1² − 0.5·x2·x3 (later columns are irrelevant).
   */
  static double signal(double[] row) {
    return Math.sin(2 * row[0]) + row[1] * row[1] - 0.5 * row[2] * row[3];
  }

  /** signal(x) plus N(0, noiseSd²) noise. */
  static double[] targets(double[][] x, double noiseSd, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = signal(x[i]) + noiseSd * gaussian(rng);
    }
    return y;
  }

  /** The true P(stress | x) of the classification problem: σ(4·(x0 + x1² − 0.75)). */
  static double stressProbability(double[] row) {
    return 1 / (1 + Math.exp(-4 * (row[0] + row[1] * row[1] - 0.75)));
  }

  /** Bernoulli(stressProbability(x)) labels. */
  static boolean[] labels(double[][] x, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    boolean[] y = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = rng.nextDouble() < stressProbability(x[i]);
    }
    return y;
  }

  static double gaussian(SplittableRandom rng) {
    // Box–Muller; 1 − u keeps the log argument in (0, 1]
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Area under the ROC curve by the Mann–Whitney statistic (ties count one half). */
  static double auc(double[] score, boolean[] label) {
    long pos = 0;
    long neg = 0;
    double wins = 0;
    for (int i = 0; i < score.length; i++) {
      if (!label[i]) {
        continue;
      }
      pos++;
      for (int k = 0; k < score.length; k++) {
        if (label[k]) {
          continue;
        }
        wins += score[i] > score[k] ? 1 : score[i] == score[k] ? 0.5 : 0;
      }
    }
    for (boolean l : label) {
      neg += l ? 0 : 1;
    }
    return wins / (pos * neg);
  }
}

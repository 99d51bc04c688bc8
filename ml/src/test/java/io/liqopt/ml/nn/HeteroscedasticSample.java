package io.liqopt.ml.nn;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Synthetic heteroscedastic data with known quantiles: {@code x_j ~ N(0, 1)}, {@code σ(x) =
 * 0.01·exp(0.6·x_0 + 0.3·x_1)}, {@code y = σ(x)·E} with {@code E ~ Exp(1)}, so {@code q_τ(x) =
 * σ(x)·(−ln(1 − τ))} and y is a non-negative fraction like an adverse excursion. Columns after the
 * second are noise.
 */
record HeteroscedasticSample(double[][] x, double[] y) {

  static List<String> featureNames(int width) {
    return IntStream.range(0, width).mapToObj(j -> "f" + j).toList();
  }

  static HeteroscedasticSample draw(int rows, int width, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[rows][width];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < width; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = sigma(x[i]) * -Math.log(1 - random.nextDouble());
    }
    return new HeteroscedasticSample(x, y);
  }

  static double sigma(double[] row) {
    return 0.01 * Math.exp(0.6 * row[0] + 0.3 * row[1]);
  }

  static double trueQuantile(double[] row, double level) {
    return sigma(row) * -Math.log(1 - level);
  }
}

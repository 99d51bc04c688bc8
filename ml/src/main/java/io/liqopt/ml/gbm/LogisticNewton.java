package io.liqopt.ml.gbm;

/**
 * Maximum-likelihood logistic regression of (possibly smoothed) targets t ∈ [0, 1] on a few inputs
 * by Newton's method with a backtracking (Armijo) line search, as Lin, Lin and Weng (2007, "A note
 * on Platt's probabilistic outputs for support vector machines", Machine Learning 68) do for Platt
 * scaling. For the handful of inputs of a calibration map; the Hessian is k×k.
 */
final class LogisticNewton {
  static final int MAX_ITERATIONS = 200;

  /** Stops when every gradient component is below this (Lin, Lin and Weng 2007 use 1e-5). */
  static final double GRADIENT_TOLERANCE = 1e-9;

  /** Ridge added to the Hessian's diagonal (Lin, Lin and Weng 2007: σ = 1e-12). */
  static final double HESSIAN_RIDGE = 1e-12;

  static final double MIN_STEP = 1e-10;

  private LogisticNewton() {}

  /**
   * The coefficients b maximising Σ t·log σ(z·b) + (1 − t)·log(1 − σ(z·b)), started at {@code
   * start}; a coefficient with {@code use[j]} false stays at its start value.
   */
  static double[] fit(double[][] z, double[] t, boolean[] use, double[] start) {
    int k = start.length;
    double[] b = start.clone();
    double f = negativeLogLikelihood(z, t, b);
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      double[] g = new double[k];
      double[][] h = new double[k][k];
      for (int i = 0; i < z.length; i++) {
        double q = sigmoid(dot(z[i], b));
        double w = q * (1 - q);
        double r = q - t[i];
        for (int a = 0; a < k; a++) {
          g[a] += z[i][a] * r;
          for (int c = 0; c < k; c++) {
            h[a][c] += z[i][a] * z[i][c] * w;
          }
        }
      }
      boolean converged = true;
      for (int a = 0; a < k; a++) {
        if (!use[a]) {
          g[a] = 0;
          for (int c = 0; c < k; c++) {
            h[a][c] = 0;
            h[c][a] = 0;
          }
          h[a][a] = 1;
        }
        h[a][a] += HESSIAN_RIDGE;
        converged &= Math.abs(g[a]) < GRADIENT_TOLERANCE;
      }
      if (converged) {
        break;
      }
      double[] d = solve(h, g); // the Newton step is −d
      double gd = 0;
      for (int a = 0; a < k; a++) {
        gd -= g[a] * d[a];
      }
      double step = 1;
      boolean moved = false;
      while (step >= MIN_STEP) {
        double[] nb = b.clone();
        for (int a = 0; a < k; a++) {
          nb[a] -= step * d[a];
        }
        double nf = negativeLogLikelihood(z, t, nb);
        if (nf < f + 1e-4 * step * gd) {
          b = nb;
          f = nf;
          moved = true;
          break;
        }
        step /= 2;
      }
      if (!moved) {
        break; // no further decrease is possible at double precision
      }
    }
    return b;
  }

  /** Solves h·x = g by Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] h, double[] g) {
    int k = g.length;
    double[][] m = new double[k][k + 1];
    for (int a = 0; a < k; a++) {
      System.arraycopy(h[a], 0, m[a], 0, k);
      m[a][k] = g[a];
    }
    for (int c = 0; c < k; c++) {
      int p = c;
      for (int r = c + 1; r < k; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] swap = m[c];
      m[c] = m[p];
      m[p] = swap;
      for (int r = c + 1; r < k; r++) {
        double f = m[r][c] / m[c][c];
        for (int j = c; j <= k; j++) {
          m[r][j] -= f * m[c][j];
        }
      }
    }
    double[] x = new double[k];
    for (int r = k - 1; r >= 0; r--) {
      double s = m[r][k];
      for (int j = r + 1; j < k; j++) {
        s -= m[r][j] * x[j];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }

  /** Σ log(1 + e^s) − t·s, s = z·b, without overflow. */
  static double negativeLogLikelihood(double[][] z, double[] t, double[] b) {
    double f = 0;
    for (int i = 0; i < z.length; i++) {
      double s = dot(z[i], b);
      f += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - t[i] * s;
    }
    return f;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double sigmoid(double s) {
    return 1 / (1 + Math.exp(-s));
  }
}

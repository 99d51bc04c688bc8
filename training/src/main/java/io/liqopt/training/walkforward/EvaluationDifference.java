package io.liqopt.training.walkforward;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether two walk-forward runs produced the same thing: every forecast and fold mark bit for bit,
 * every fit record equal but for its time. What a distributed run is checked against the single-JVM
 * run by.
 */
public final class EvaluationDifference {
  private EvaluationDifference() {}

  /** The first difference between {@code a} and {@code b}, or empty when they are the same. */
  public static Optional<String> first(EvaluationData a, EvaluationData b) {
    if (!a.models().equals(b.models()) || !a.folds().equals(b.folds())) {
      return Optional.of("models or folds differ: " + a.models() + " / " + b.models());
    }
    if (a.fits().size() != b.fits().size()) {
      return Optional.of("fits: " + a.fits().size() + " / " + b.fits().size());
    }
    for (int i = 0; i < a.fits().size(); i++) {
      EvaluationData.FitRecord x = a.fits().get(i);
      EvaluationData.FitRecord y = b.fits().get(i);
      if (!withoutTime(x).equals(withoutTime(y))) {
        return Optional.of("fit " + i + ": " + x + " / " + y);
      }
    }
    if (a.assets().size() != b.assets().size()) {
      return Optional.of("assets: " + a.assets().size() + " / " + b.assets().size());
    }
    for (int k = 0; k < a.assets().size(); k++) {
      Optional<String> d = first(a.assets().get(k), b.assets().get(k), a);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> first(AssetEvaluation x, AssetEvaluation y, EvaluationData run) {
    if (!x.symbol().equals(y.symbol()) || x.rows() != y.rows()) {
      return Optional.of("asset " + x.symbol() + " / " + y.symbol());
    }
    for (int i = 0; i < x.rows(); i++) {
      if (x.fold(i) != y.fold(i)) {
        return Optional.of(x.symbol() + " row " + i + ": fold " + x.fold(i) + " / " + y.fold(i));
      }
    }
    List<Integer> horizons = run.config().spec().horizonsHours();
    for (String m : run.models()) {
      for (int h : horizons) {
        Predictions p = x.predictions(m, h);
        Predictions q = y.predictions(m, h);
        String where = x.symbol() + " " + m + " " + h + " h ";
        if (!Arrays.equals(p.variance, q.variance)) {
          return Optional.of(where + "variance");
        }
        for (int l = 0; l < p.quantiles.length; l++) {
          if (!Arrays.equals(p.quantiles[l], q.quantiles[l])) {
            return Optional.of(where + "quantile " + l);
          }
        }
        if (!Arrays.equals(p.stressProbability, q.stressProbability)) {
          return Optional.of(where + "stress probability");
        }
      }
    }
    return Optional.empty();
  }

  private static EvaluationData.FitRecord withoutTime(EvaluationData.FitRecord r) {
    Objects.requireNonNull(r, "fit");
    return new EvaluationData.FitRecord(
        r.fold(),
        r.model(),
        r.modelVersion(),
        0,
        r.trainRows(),
        r.error(),
        r.notFitted(),
        r.forecastErrors(),
        r.firstForecastError(),
        r.choices());
  }
}

package io.liqopt.ml.gbm;

import io.liqopt.core.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The outcome of inner-validation hyper-parameter selection: every candidate's validation loss, and
 * the chosen model (the candidate with the lowest loss, the first one on ties).
 *
 * @param model the chosen model, as trained on the training block (not refitted)
 * @param chosen the hyper-parameters of {@code model}
 * @param candidates every candidate in grid order with its validation loss
 * @param <M> the model type
 */
public record Selection<M>(M model, GbmParams chosen, List<Candidate> candidates) {

  public Selection {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(chosen, "chosen");
    candidates = List.copyOf(candidates);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("candidates must not be empty");
    }
    if (candidates.stream().noneMatch(c -> c.params().equals(chosen))) {
      throw new IllegalArgumentException("chosen " + chosen + " is not among the candidates");
    }
  }

  /**
   * Trains every candidate of {@code grid} and keeps the one with the lowest validation loss (the
   * first on ties), as trained.
   *
   * @param train trains one candidate on the training block
   * @param validationLoss scores a trained model on the validation block
   * @param paramsOf the hyper-parameters of a trained model
   * @throws IllegalStateException if no candidate has a finite loss
   */
  static <M> Selection<M> bestOf(
      List<GbmParams> grid,
      Function<GbmParams, M> train,
      ToDoubleFunction<M> validationLoss,
      Function<M, GbmParams> paramsOf,
      String lossName) {
    if (grid == null || grid.isEmpty()) {
      throw new IllegalArgumentException("grid must not be empty");
    }
    List<Candidate> candidates = new ArrayList<>();
    M best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (GbmParams p : grid) {
      M m = train.apply(p);
      double loss = validationLoss.applyAsDouble(m);
      candidates.add(new Candidate(p, loss));
      if (loss < bestLoss) {
        bestLoss = loss;
        best = m;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no candidate has a finite validation " + lossName);
    }
    return new Selection<>(best, paramsOf.apply(best), candidates);
  }

  /**
   * One candidate's validation loss.
   *
   * @param params the candidate hyper-parameters
   * @param validationLoss its loss on the validation block (MSE for regression, mean log-loss for
   *     classification), finite and non-negative
   */
  public record Candidate(GbmParams params, double validationLoss) {
    public Candidate {
      Objects.requireNonNull(params, "params");
      Checks.nonNegativeFinite(validationLoss, "validationLoss");
    }
  }
}

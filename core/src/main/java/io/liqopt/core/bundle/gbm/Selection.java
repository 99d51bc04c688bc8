package io.liqopt.core.bundle.gbm;

import io.liqopt.core.Checks;
import java.util.List;
import java.util.Objects;

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

package io.liqopt.ml.nn;

import java.util.List;

/**
 * What happened while a {@link QuantileNet} was trained. Losses are mean pinball losses over all
 * levels, in target units (a fraction of price, like the target itself): {@code L = (1/(nK)) Σ_i
 * Σ_k max(τ_k·d_ik, (τ_k − 1)·d_ik)}, {@code d_ik = y_i − q_k(x_i)}.
 *
 * @param trainPinball per epoch, the mean of the mini-batch losses seen during that epoch (the
 *     weights move while it is measured)
 * @param validationPinball per epoch, the loss on the validation rows after that epoch
 * @param untrainedValidationPinball the validation loss of the freshly initialised network
 * @param bestEpoch the 1-based epoch whose parameters were kept (lowest validation loss)
 * @param stoppedEarly true when patience ran out before {@code maxEpochs}
 * @param trainingMillis wall-clock training time, milliseconds
 */
public record TrainingLog(
    List<Double> trainPinball,
    List<Double> validationPinball,
    double untrainedValidationPinball,
    int bestEpoch,
    boolean stoppedEarly,
    long trainingMillis) {

  /** Validates the log: as many train as validation epochs, best epoch among them. */
  public TrainingLog {
    trainPinball = List.copyOf(trainPinball);
    validationPinball = List.copyOf(validationPinball);
    if (trainPinball.size() != validationPinball.size() || trainPinball.isEmpty()) {
      throw new IllegalArgumentException(
          "trainPinball and validationPinball must have the same,"
              + " non-zero, number of epochs, were "
              + trainPinball.size()
              + " and "
              + validationPinball.size());
    }
    if (bestEpoch < 1 || bestEpoch > validationPinball.size()) {
      throw new IllegalArgumentException(
          "bestEpoch must be in [1, " + validationPinball.size() + "], was " + bestEpoch);
    }
    if (trainingMillis < 0) {
      throw new IllegalArgumentException(
          "trainingMillis must not be negative, was " + trainingMillis);
    }
  }

  /** Number of epochs run. */
  public int epochs() {
    return validationPinball.size();
  }

  /** Validation loss of the kept (best) epoch. */
  public double bestValidationPinball() {
    return validationPinball.get(bestEpoch - 1);
  }
}

package io.liqopt.training.metrics;

import io.liqopt.core.Checks;

/**
 * Scores of one stress-probability forecast on one sample (see {@link ClassificationScores}).
 * Serialises to JSON without NaN: undefined values are null.
 *
 * @param n the number of observations, &ge; 1
 * @param events the number of stress events, in [0, n]
 * @param baseRate the sample event rate events / n
 * @param auc the area under the ROC curve in [0, 1]; null when the sample has only one class
 * @param brier the Brier score, in [0, 1]
 * @param referenceRate the climatology forecast r the skill score is measured against, in [0, 1]
 * @param referenceBrier the Brier score of the constant forecast r on this sample, in [0, 1]
 * @param brierSkillScore 1 − brier / referenceBrier, at most 1; null when referenceBrier = 0
 */
public record StressScores(
    int n,
    int events,
    double baseRate,
    Double auc,
    double brier,
    double referenceRate,
    double referenceBrier,
    Double brierSkillScore) {
  public StressScores {
    Checks.positive(n, "n");
    if (events < 0 || events > n) {
      throw new IllegalArgumentException("events must be in [0, " + n + "], was " + events);
    }
    Checks.inRange(baseRate, 0, 1, "baseRate");
    if (auc != null) {
      Checks.inRange(auc, 0, 1, "auc");
    }
    Checks.inRange(brier, 0, 1, "brier");
    Checks.inRange(referenceRate, 0, 1, "referenceRate");
    Checks.inRange(referenceBrier, 0, 1, "referenceBrier");
    if (brierSkillScore != null && !(brierSkillScore <= 1 && Double.isFinite(brierSkillScore))) {
      throw new IllegalArgumentException(
          "brierSkillScore must be finite and at most 1, was " + brierSkillScore);
    }
  }
}

package io.liqopt.core.position;

/**
 * One item of a batch assessment: the assessment, or why the position could not be assessed.
 * Exactly one of {@code assessment} and {@code error} is non-null.
 *
 * @param index the position's index in the batch
 * @param positionId the position's id, or {@code null} when the item was null
 * @param assessment the result, or {@code null} on error
 * @param error the reason the item was refused, or {@code null} on success
 */
public record AssessmentOutcome(int index, String positionId, Assessment assessment, String error) {

  public AssessmentOutcome {
    if ((assessment == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of assessment and error must be given");
    }
  }

  /** Whether the position was assessed. */
  public boolean ok() {
    return assessment != null;
  }
}

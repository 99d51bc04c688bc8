package io.liqopt.core.market;

/** A bar refused by {@link BarSeriesBuilder} or by a merge, with the rule it broke. */
public final class BarRejectedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final BarDefect defect;
  private final int conflictingIndex;

  BarRejectedException(BarDefect defect, String message, int conflictingIndex) {
    super(message);
    this.defect = defect;
    this.conflictingIndex = conflictingIndex;
  }

  /** The rule the bar broke. */
  public BarDefect defect() {
    return defect;
  }

  /**
   * For {@link BarDefect#CONFLICTING_DUPLICATE} and {@link BarDefect#OUT_OF_ORDER}: index of the
   * already accepted bar it clashes with; otherwise -1.
   */
  public int conflictingIndex() {
    return conflictingIndex;
  }
}

package io.liqopt.serving.state;

import java.util.List;

/**
 * Bars refused by {@link ThresholdEngine#ingest}: nothing of the request was logged or applied.
 *
 * @see Conflict
 */
public final class IngestRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * One refused bar.
   *
   * @param symbol its series
   * @param index its index in the request's list for that series
   * @param openTimeMs its open time
   * @param reason {@code duplicate} (identical to a stored bar), {@code conflict} (a stored bar
   *     with other values), {@code out-of-order} (before the last stored bar, where none is)
   * @param detail the explanation
   */
  public record Conflict(String symbol, int index, long openTimeMs, String reason, String detail) {}

  private final transient List<String> unknownSymbols;
  private final transient List<Conflict> conflicts;

  IngestRejected(List<String> unknownSymbols, List<Conflict> conflicts) {
    super(
        unknownSymbols.isEmpty()
            ? conflicts.size() + " conflicting bars"
            : "unknown symbols " + unknownSymbols,
        null,
        false,
        false);
    this.unknownSymbols = List.copyOf(unknownSymbols);
    this.conflicts = List.copyOf(conflicts);
  }

  /** Symbols the service does not hold (ingest does not add assets). */
  public List<String> unknownSymbols() {
    return unknownSymbols;
  }

  public List<Conflict> conflicts() {
    return conflicts;
  }
}

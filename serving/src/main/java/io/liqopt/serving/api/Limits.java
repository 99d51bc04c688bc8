package io.liqopt.serving.api;

/**
 * Bounds on what one request may ask, so that no client can exhaust the server.
 *
 * @param maxBodyBytes the largest request body (413 above it)
 * @param maxPositions the largest assessment batch
 * @param maxSymbols the most symbols in one thresholds batch
 * @param maxBars the most bars in one request (ingest, or caller-supplied bars)
 */
public record Limits(long maxBodyBytes, int maxPositions, int maxSymbols, int maxBars) {

  /** 16 MiB, 10 000 positions, 1 000 symbols, 20 000 bars. */
  public static Limits defaults() {
    return new Limits(16L << 20, 10_000, 1_000, 20_000);
  }

  public Limits {
    if (maxBodyBytes < 1024 || maxPositions < 1 || maxSymbols < 1 || maxBars < 1) {
      throw new IllegalArgumentException("limits must be positive (body ≥ 1 KiB): " + this);
    }
  }
}

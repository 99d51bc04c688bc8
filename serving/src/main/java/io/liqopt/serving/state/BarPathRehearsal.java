package io.liqopt.serving.state;

/**
 * Gets a bar's computation compiled before the first bars arrive. The features, the forecast and
 * the targets run once per asset and bar; at that rate the just-in-time compiler takes the first
 * hundreds of bars to compile their loops fully. Meanwhile a bar's compute step took about five
 * times as long, in stretches of 50 to 270 bars of {@code BookStreamBench} (BENCHMARKS.md, "The
 * slow compute steps"). A rehearsal runs a bar's computation on a bar already served, a few hundred
 * times, and changes nothing: its governor steps go to a copy, no snapshot is published, no event
 * sent.
 */
public final class BarPathRehearsal {
  /** Rounds enough for the tiered compiler's thresholds at four assets (each round a bar each). */
  public static final int DEFAULT_ROUNDS = 300;

  /** The most a rehearsal takes, whatever the rounds and the assets. */
  public static final long BUDGET_NANOS = 10_000_000_000L;

  private BarPathRehearsal() {}

  /**
   * What a rehearsal did.
   *
   * @param rounds the rounds done (fewer than asked when a step failed, logged, or past {@link
   *     #BUDGET_NANOS})
   * @param millis the time they took
   * @param forecasts the assets of the last round that had a forecast
   */
  public record Result(int rounds, long millis, int forecasts) {}

  /**
   * Rehearses {@code rounds} bars of every asset {@code engine} serves, on the calling thread, with
   * no lock (the snapshot is immutable, the governor's memory a copy).
   */
  public static Result run(ThresholdEngine engine, int rounds) {
    return engine.scratchCalculator().rehearse(engine.state(), rounds, BUDGET_NANOS);
  }
}

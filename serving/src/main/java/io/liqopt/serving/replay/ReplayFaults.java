package io.liqopt.serving.replay;

import io.liqopt.serving.feeds.MockExchange.Fault;
import io.liqopt.serving.feeds.MockExchange.FaultKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The faults a replay injects into its mock exchange's three venues a, b and c, placed at fixed
 * shares of the replayed window so that any window gets them all (in a 96-hour replay from
 * midnight, the hour is given):
 *
 * <ol>
 *   <li>c's market factor spikes −40 % for one step (a minute at 60 steps an hour), at 10 % of the
 *       window (hour 9, half past);
 *   <li>a's connection drops, at 25 % (hour 24);
 *   <li>c sends each message followed by a late copy of the one before, for half an hour, at 35 %;
 *   <li>a venue restart during the crash: a and b freeze the second asset's price for three
 *       quarters of an hour, at 47 % (hour 45: 21:00 on the second day, when October 10 2025's
 *       crash began), leaving one source of it: the asset is stale until they recover;
 *   <li>b freezes every price for an hour, at 60 %;
 *   <li>b sends each message twice for half an hour, at 70 %;
 *   <li>a sends a non-JSON message after each for ten steps, at 80 %.
 * </ol>
 */
final class ReplayFaults {
  private ReplayFaults() {}

  /** The faults of a window of {@code durationMs}, {@code n} steps an hour. */
  static List<Fault> standard(List<String> symbols, String factor, long durationMs, int n) {
    long hours = durationMs / MarketReplay.HOUR_MS;
    String other = symbols.stream().filter(s -> !s.equals(factor)).findFirst().orElse(factor);
    List<Fault> f = new ArrayList<>();
    f.add(Fault.spike("c", factor, at(0.10, hours, n) + n / 2, 1, 0.6));
    f.add(Fault.disconnect("a", at(0.25, hours, n)));
    f.add(Fault.of("c", "*", FaultKind.OUT_OF_ORDER, at(0.35, hours, n), n / 2));
    f.add(Fault.of("a", other, FaultKind.FREEZE, at(0.47, hours, n), 3L * n / 4));
    f.add(Fault.of("b", other, FaultKind.FREEZE, at(0.47, hours, n), 3L * n / 4));
    f.add(Fault.of("b", "*", FaultKind.FREEZE, at(0.60, hours, n), n));
    f.add(Fault.of("b", "*", FaultKind.DUPLICATE, at(0.70, hours, n), n / 2));
    f.add(Fault.of("a", "*", FaultKind.MALFORMED, at(0.80, hours, n), 10));
    return f;
  }

  /** The first step of the hour at {@code share} of the window. */
  private static long at(double share, long hours, int n) {
    return (long) Math.floor(share * hours) * n;
  }

  /** Each fault as a reader would want it: when (market time), where, what, how long. */
  static List<String> describe(List<Fault> faults, long fromMs, int n) {
    long stepMs = MarketReplay.HOUR_MS / n;
    List<String> out = new ArrayList<>();
    for (Fault f : faults) {
      String what =
          switch (f.kind()) {
            case SPIKE -> String.format(Locale.ROOT, "price ×%.2f", f.factor());
            case FREEZE -> "price frozen";
            case DISCONNECT -> "connection closed";
            case OUT_OF_ORDER -> "each message followed by a late copy of the one before";
            case DUPLICATE -> "each message sent twice";
            case MALFORMED -> "a non-JSON message after each";
          };
      String length =
          f.kind() == FaultKind.DISCONNECT ? "" : " for " + f.steps() * stepMs / 60_000 + " min";
      out.add(
          Instant.ofEpochMilli(fromMs + f.fromStep() * stepMs)
              + ": venue "
              + f.venue()
              + ", "
              + (f.symbol().equals("*") ? "every asset" : f.symbol())
              + ": "
              + what
              + length);
    }
    return out;
  }
}

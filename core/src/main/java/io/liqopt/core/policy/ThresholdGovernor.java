package io.liqopt.core.policy;

import io.liqopt.core.stats.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The anti-procyclicality governor: LT (which judges existing positions) moves slowly, max LTV (new
 * positions only) follows the forecast at once. Deterministic and stateless itself; all it
 * remembers is in the {@link GovernorState} passed in and returned, so a replay of the same targets
 * gives the same LTs. Thread-safe.
 *
 * <p>One step, at time t = {@code target.computedAtEpochMs()}, with the previous state (LT_prev at
 * t_prev) and the asset's configuration:
 *
 * <ol>
 *   <li>history: the day's lowest target LT is recorded, unless the target is stale (a stale target
 *       is deliberately extreme and would poison the floor for the whole look-back); days older
 *       than the look-back window are dropped. LT_stress = the {@code (1 − q)} sample quantile
 *       ({@link Quantiles}) of the daily lowest targets in the window, q = {@link
 *       GovernorConfig#stressedQuantile()} (1, i.e. no floor, while the window holds no fresh
 *       target): a robust high quantile of the daily stress, so one capped hour (X → 1, target LT →
 *       0) moves one day of the window, not the floor for a year.
 *   <li>floor (never looser than the stressed look-back): the goal is {@code min(LT_target, w ·
 *       LT_stress + (1 − w) · LT_target)}, w the stressed weight (the CCP margin practice of EMIR
 *       RTS 153/2013 art. 28(1)(b)).
 *   <li>ahead of stress: stress mode is entered when the forecast stress probability reaches the
 *       trigger and, once on, left only when it falls below {@link #STRESS_EXIT_FRACTION} of the
 *       trigger (hysteresis: a probability oscillating around the trigger would otherwise make LT
 *       saw-tooth); the mode is kept in {@link GovernorState#stressMode()}. In stress mode the goal
 *       becomes at most {@code min(LT_stress, LT_tail)}, LT_tail being LT at the forecast's highest
 *       quantile level, so LT starts tightening before the crash rather than during it.
 *   <li>ceiling: the goal is at most {@link GovernorConfig#ltCeiling()} (a venue's static LT for
 *       the asset, which the forecast may only tighten); after the rate limit, LT itself is too (a
 *       ceiling lowered below the previous LT binds at once, not at the pacing rate; with a ramp,
 *       existing positions reach it over the ramp).
 *   <li>stale target: the goal may not be above LT_prev (tighten only).
 *   <li>rate limit, asymmetric (tighten fast, loosen slowly): {@code LT = LT_prev + clamp(goal −
 *       LT_prev, −r_down · d, +r_up · d)}, r_down = {@link GovernorConfig#ltMaxChangePerDay()},
 *       r_up = {@link GovernorConfig#loosenPerDay()}, d = min(1, (t − t_prev) / 1 day): the elapsed
 *       time counts at most {@link #MAX_RATE_DAYS_PER_STEP} day, so a step after an outage moves LT
 *       at most one day's worth rather than catching up at once. The first step (no previous state)
 *       starts at the goal.
 *   <li>{@code LTV = min(LT_target, LT) · (1 − X_β)}: new positions get the tighter of the forecast
 *       and the governed LT at once.
 *   <li>ramp (with {@link GovernorConfig#ltRampHours()} R &gt; 0; Euler v2's liquidation-LTV ramp):
 *       the published LT, which judges existing positions, is {@code LT_from + (LT − LT_from) ·
 *       min(1, (t − t_from) / R)}, LT_from the published LT when the tightening began (at t_from,
 *       the previous step) and kept while it lasts, and never above the published LT before it; a
 *       step whose LT is at or above the published LT before it publishes LT at once and ends the
 *       ramp, as does one that reaches the end of R. The rate limit moves from the LT before the
 *       ramp ({@link GovernorState#pacedLt()}), and max LTV follows it at once.
 * </ol>
 */
public final class ThresholdGovernor {
  /** The governor; it has no settings of its own (they are per asset, in the configuration). */
  public static final ThresholdGovernor DEFAULT = new ThresholdGovernor();

  /**
   * Stress mode, once on, is left only when the stress probability falls below this fraction of the
   * trigger (hysteresis against saw-toothing around the trigger).
   */
  public static final double STRESS_EXIT_FRACTION = 0.75;

  /**
   * The most elapsed days one step's rate limit counts: after an outage LT moves one day's worth.
   */
  public static final double MAX_RATE_DAYS_PER_STEP = 1;

  private static final double MS_PER_DAY = 86_400_000d;

  /** Goals closer than this to the target are reported as not bound by a floor. */
  private static final double LT_EPSILON = 1e-12;

  /** The last stressed LT computed on each thread ({@link #stressedLtOfState}). */
  private static final ThreadLocal<StressedMemo> LAST_STRESSED = new ThreadLocal<>();

  private ThresholdGovernor() {}

  /**
   * Governs one target.
   *
   * @param target the calculator's thresholds for this step (its time is the step's time)
   * @param previous the state after the previous step, or {@code null} for the first step
   * @param config the asset's configuration
   * @throws IllegalArgumentException when the state belongs to another symbol or is newer than the
   *     target
   */
  public GovernorStep step(AssetThresholds target, GovernorState previous, AssetRiskConfig config) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(config, "config");
    GovernorConfig rule = config.governor();
    long nowMs = target.computedAtEpochMs();
    checkPrevious(target, previous, nowMs);
    List<Reason> reasons = new ArrayList<>(target.reasons().size() + 4);
    reasons.addAll(target.reasons());

    List<DailyTarget> history =
        updatedHistory(previous, target.lt(), !target.stale(), nowMs, rule.stressedLookbackDays());
    double stressedLt =
        previous != null && history == previous.history()
            ? stressedLtOfState(previous, rule.stressedQuantile())
            : stressedLt(history, rule.stressedQuantile());
    double goal = floorGoal(target, stressedLt, rule, reasons);
    double trigger = rule.stressTriggerProbability();
    double exit = STRESS_EXIT_FRACTION * trigger;
    boolean wasStressed = previous != null && previous.stressMode();
    boolean stressMode =
        target.stressProbability() >= trigger || wasStressed && target.stressProbability() >= exit;
    if (stressMode) {
      goal = stressGoal(target, goal, stressedLt, trigger, exit, reasons);
    }
    if (goal > rule.ltCeiling()) {
      goal = rule.ltCeiling();
      reasons.add(
          Reason.formatted(
              ReasonCode.GOVERNOR_CEILING, "goal capped at the LT ceiling %.6g", goal));
    }
    double lt;
    if (previous == null) {
      lt = goal;
      reasons.add(Reason.formatted(ReasonCode.GOVERNOR_INITIALISED, "LT starts at %.6g", lt));
    } else {
      lt = rateLimited(target, previous, goal, rule, nowMs, reasons);
    }
    if (lt > rule.ltCeiling()) {
      // a ceiling lowered below the previous LT binds at once, as a venue's new static LT does
      lt = rule.ltCeiling();
      reasons.add(
          Reason.formatted(ReasonCode.GOVERNOR_CEILING, "LT held at the LT ceiling %.6g", lt));
    }
    double ltv = Math.min(target.lt(), lt) * (1 - target.quantileBuffer());
    reasons.add(
        Reason.formatted(
            ReasonCode.GOVERNOR_LTV,
            "LTV = min(target %.6g, governed %.6g)" + "·(1 − %.6g) = %.6g",
            target.lt(),
            lt,
            target.quantileBuffer(),
            ltv));
    if (rule.ltRampHours() > 0) {
      return ramped(target, previous, lt, ltv, rule, nowMs, history, stressMode, reasons);
    }
    GovernorState next = new GovernorState(target.symbol(), lt, nowMs, history, stressMode);
    return new GovernorStep(target.governed(lt, ltv, reasons), next);
  }

  /**
   * The step with a ramp: the published LT between the LT in force when the tightening began and
   * the governed LT {@code lt} (class Javadoc); max LTV {@code ltv} unchanged.
   */
  private static GovernorStep ramped(
      AssetThresholds target,
      GovernorState previous,
      double lt,
      double ltv,
      GovernorConfig rule,
      long nowMs,
      List<DailyTarget> history,
      boolean stressMode,
      List<Reason> reasons) {
    String symbol = target.symbol();
    if (previous == null || lt >= previous.lt()) {
      GovernorState next = new GovernorState(symbol, lt, nowMs, history, stressMode);
      return new GovernorStep(target.governed(lt, ltv, reasons), next);
    }
    boolean running = previous.rampFromLt() != null;
    double from = running ? previous.rampFromLt() : previous.lt();
    long start = running ? previous.rampStartEpochMs() : previous.updatedAtEpochMs();
    double hours = (nowMs - start) / 3_600_000d;
    double done = Math.min(1, hours / rule.ltRampHours());
    // between the governed LT and the LT before: a governed LT that rises during the ramp (but
    // stays below what existing positions were judged at) does not lift the blend above it
    double published = Math.max(lt, Math.min(previous.lt(), from + (lt - from) * done));
    if (done >= 1 || published <= lt) {
      GovernorState next = new GovernorState(symbol, lt, nowMs, history, stressMode);
      return new GovernorStep(target.governed(lt, ltv, reasons), next);
    }
    reasons.add(
        Reason.formatted(
            ReasonCode.GOVERNOR_RAMP,
            "existing positions judged at %.6g: ramp from %.6g to %.6g, %.4g of %.4g h elapsed",
            published,
            from,
            lt,
            hours,
            rule.ltRampHours()));
    GovernorState next =
        new GovernorState(symbol, published, nowMs, history, stressMode, lt, from, start);
    return new GovernorStep(target.governed(published, ltv, reasons), next);
  }

  /** Refuses a state of another symbol or one newer than the target. */
  private static void checkPrevious(AssetThresholds target, GovernorState previous, long nowMs) {
    if (previous == null) {
      return;
    }
    if (!previous.symbol().equals(target.symbol())) {
      throw new IllegalArgumentException(
          "governor state of " + previous.symbol() + " used for " + target.symbol());
    }
    if (previous.updatedAtEpochMs() > nowMs) {
      throw new IllegalArgumentException(
          "governor state of "
              + target.symbol()
              + " is newer than the target ("
              + previous.updatedAtEpochMs()
              + " > "
              + nowMs
              + ")");
    }
  }

  /** The goal under the stressed floor: min(target, w·stressed + (1 − w)·target). */
  private static double floorGoal(
      AssetThresholds target, double stressedLt, GovernorConfig rule, List<Reason> reasons) {
    double w = rule.stressedWeight();
    double floorGoal = w * stressedLt + (1 - w) * target.lt();
    double goal = Math.min(target.lt(), floorGoal);
    if (goal < target.lt() - LT_EPSILON) {
      reasons.add(
          Reason.formatted(
              ReasonCode.GOVERNOR_STRESSED_FLOOR,
              "goal %.6g = %.4g·stressed %.6g + %.4g·target %.6g (look-back %d days)",
              goal,
              w,
              stressedLt,
              1 - w,
              target.lt(),
              rule.stressedLookbackDays()));
    }
    return goal;
  }

  /** In stress mode, the goal lowered to the stressed LT or the tail LT, whichever is lower. */
  private static double stressGoal(
      AssetThresholds target,
      double goal,
      double stressedLt,
      double trigger,
      double exit,
      List<Reason> reasons) {
    double stressGoal = Math.min(stressedLt, target.tailLt());
    double out = stressGoal < goal ? stressGoal : goal;
    String why =
        target.stressProbability() >= trigger
            ? fmt("P(stress) %.4g ≥ trigger %.4g", target.stressProbability(), trigger)
            : fmt(
                "P(stress) %.4g < trigger %.4g but ≥ exit %.4g: stress mode held",
                target.stressProbability(), trigger, exit);
    reasons.add(
        Reason.formatted(
            ReasonCode.GOVERNOR_STRESS_AHEAD,
            "%s: goal %.6g = min(goal, stressed %.6g, tail %.6g)",
            why,
            out,
            stressedLt,
            target.tailLt()));
    return out;
  }

  /**
   * The previous LT moved toward the goal by at most the daily limit times the days elapsed (capped
   * at {@link #MAX_RATE_DAYS_PER_STEP}); a stale target may not loosen LT.
   */
  private static double rateLimited(
      AssetThresholds target,
      GovernorState previous,
      double goal,
      GovernorConfig rule,
      long nowMs,
      List<Reason> reasons) {
    double prevLt = previous.pacedOrLt();
    if (target.stale() && goal > prevLt) {
      reasons.add(
          Reason.formatted(
              ReasonCode.GOVERNOR_STALE_HOLD,
              "stale: goal %.6g above previous LT %.6g, held",
              goal,
              prevLt));
      goal = prevLt;
    }
    double elapsedDays = (nowMs - previous.updatedAtEpochMs()) / MS_PER_DAY;
    double days = Math.min(MAX_RATE_DAYS_PER_STEP, elapsedDays);
    double delta = goal - prevLt;
    double perDay = delta < 0 ? rule.ltMaxChangePerDay() : rule.loosenPerDay();
    double maxStep = perDay * days;
    if (delta > maxStep || delta < -maxStep) {
      double lt = prevLt + Math.copySign(maxStep, delta);
      reasons.add(
          Reason.formatted(
              ReasonCode.GOVERNOR_RATE_LIMITED,
              "LT %.6g → %.6g toward goal %.6g: %s limited to %.4g per day over %.4g days"
                  + " (%.4g elapsed, at most %.4g counted)",
              prevLt,
              lt,
              goal,
              delta < 0 ? "tightening" : "loosening",
              perDay,
              days,
              elapsedDays,
              MAX_RATE_DAYS_PER_STEP));
      return lt;
    }
    reasons.add(Reason.formatted(ReasonCode.GOVERNOR_AT_GOAL, "LT %.6g → goal %.6g", prevLt, goal));
    return goal;
  }

  /**
   * The stressed LT of a history: the {@code (1 − q)} sample quantile of its daily lowest targets
   * (1 when it is empty).
   *
   * @param history the daily lowest targets
   * @param stressedQuantile q, in (0, 1]
   */
  public static double stressedLt(List<DailyTarget> history, double stressedQuantile) {
    if (history.isEmpty()) {
      return 1;
    }
    double[] lts = new double[history.size()];
    for (int i = 0; i < lts.length; i++) {
      lts[i] = history.get(i).minTargetLt();
    }
    return Quantiles.ofUnsorted(lts, lts.length, 1 - stressedQuantile);
  }

  /**
   * The stressed LT of a previous state's history (immutable, as every {@link GovernorState}'s),
   * remembered per thread by the list's identity: consecutive hourly steps share one history (it
   * changes only when a day's lowest target does), so most steps reuse the value instead of a pass
   * over the window.
   */
  private static double stressedLtOfState(GovernorState state, double stressedQuantile) {
    StressedMemo memo = LAST_STRESSED.get();
    if (memo != null && memo.history() == state.history() && memo.quantile() == stressedQuantile) {
      return memo.value();
    }
    double value = stressedLt(state.history(), stressedQuantile);
    LAST_STRESSED.set(new StressedMemo(state.history(), stressedQuantile, value));
    return value;
  }

  /** A stressed LT and the (immutable) history and quantile level it was computed from. */
  private record StressedMemo(List<DailyTarget> history, double quantile, double value) {}

  /** The previous history inside the window, with today's target added when {@code record}. */
  private static List<DailyTarget> updatedHistory(
      GovernorState previous, double targetLt, boolean record, long nowMs, int lookbackDays) {
    long today = Math.floorDiv(nowMs, (long) MS_PER_DAY);
    long oldestKept = today - lookbackDays + 1;
    if (previous != null && unchanged(previous.history(), targetLt, record, today, oldestKept)) {
      return previous.history();
    }
    List<DailyTarget> out = new ArrayList<>();
    double todayMin = record ? targetLt : Double.NaN;
    if (previous != null) {
      for (DailyTarget d : previous.history()) {
        if (d.epochDay() == today) {
          todayMin = record ? Math.min(todayMin, d.minTargetLt()) : d.minTargetLt();
        } else if (d.epochDay() >= oldestKept && d.epochDay() < today) {
          out.add(d);
        }
      }
    }
    if (!Double.isNaN(todayMin)) {
      out.add(new DailyTarget(today, todayMin));
    }
    return out;
  }

  /**
   * Whether a step would give {@code history} back unchanged: its last day is today and holds a
   * minimum at or below this target (or nothing is recorded), and its first day is inside the
   * window (most hourly steps: the history is then reused, not copied).
   */
  private static boolean unchanged(
      List<DailyTarget> history, double targetLt, boolean record, long today, long oldestKept) {
    int n = history.size();
    if (n == 0) {
      return false;
    }
    DailyTarget last = history.get(n - 1);
    if (last.epochDay() != today || record && !(targetLt >= last.minTargetLt())) {
      return false;
    }
    // a state's days are strictly increasing (GovernorState checks): the first is the oldest
    return history.get(0).epochDay() >= oldestKept;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}

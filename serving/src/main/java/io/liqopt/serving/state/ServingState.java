package io.liqopt.serving.state;

import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.ExecutionConfig;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.SquareRootImpact;
import io.liqopt.core.position.Assessment;
import io.liqopt.core.position.AssessmentOutcome;
import io.liqopt.core.position.LiquidationQueue;
import io.liqopt.core.position.Position;
import io.liqopt.core.position.PositionAssessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One consistent snapshot of what the service answers: every response is built from a single
 * snapshot, so it names one model and one set of thresholds even while bars are ingested or a
 * bundle is reloaded (the engine swaps snapshots atomically).
 *
 * @param version increases with every swap
 * @param modelId the bundle id or baseline version every forecast here came from
 * @param mode {@code bundle} or {@code baseline:<name>}
 * @param clock {@code wall} or {@code data}
 * @param nowMs the time the thresholds were computed for
 * @param assets by symbol, sorted
 */
public record ServingState(
    long version,
    String modelId,
    String mode,
    String clock,
    long nowMs,
    Map<String, AssetView> assets) {

  public ServingState {
    assets = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(assets));
  }

  public Optional<AssetView> asset(String symbol) {
    return Optional.ofNullable(assets.get(symbol));
  }

  /**
   * Assesses {@code positions} against this snapshot: each asset's governed thresholds and market
   * (assets without thresholds are left out, so a position holding one fails alone).
   */
  public List<AssessmentOutcome> assess(ResolvedPolicy policy, List<Position> positions) {
    return assess(policy, positions, Deadline.NONE);
  }

  /**
   * As {@link #assess(ResolvedPolicy, List)}, stopping with {@link Deadline.Passed} when {@code
   * deadline} passes (checked every few hundred positions).
   */
  public List<AssessmentOutcome> assess(
      ResolvedPolicy policy, List<Position> positions, Deadline deadline) {
    Assessor assessor = assessor(policy);
    List<List<AssessmentOutcome>> parts =
        Chunks.map(positions.size(), (from, to) -> assessor.assess(positions, from, to, deadline));
    if (parts.size() == 1) {
      return parts.get(0);
    }
    List<AssessmentOutcome> out = new ArrayList<>(positions.size());
    parts.forEach(out::addAll);
    return out;
  }

  /**
   * An assessor of positions against this snapshot under {@code policy}: each asset's governed
   * thresholds and market gathered once, for every chunk of a batch.
   */
  public Assessor assessor(ResolvedPolicy policy) {
    Map<String, AssetThresholds> thresholds = new HashMap<>();
    Map<String, MarketSnapshot> markets = new HashMap<>();
    for (AssetView v : assets.values()) {
      if (v.governed() != null) {
        thresholds.put(v.symbol(), v.governed());
        markets.put(v.symbol(), v.market());
      }
    }
    return new Assessor(PositionAssessor.of(policy), thresholds, markets);
  }

  /**
   * Assesses chunks of a batch against one snapshot. Safe to use from several threads at once: its
   * maps are not changed after it is made.
   */
  public static final class Assessor {
    private final PositionAssessor assessor;
    private final Map<String, AssetThresholds> thresholds;
    private final Map<String, MarketSnapshot> markets;

    private Assessor(
        PositionAssessor assessor,
        Map<String, AssetThresholds> thresholds,
        Map<String, MarketSnapshot> markets) {
      this.assessor = assessor;
      this.thresholds = thresholds;
      this.markets = markets;
    }

    /**
     * Positions {@code from..to − 1} of {@code positions} (one chunk of a batch), each outcome
     * keeping its index in the whole list; stops with {@link Deadline.Passed} when {@code deadline}
     * passes.
     */
    public List<AssessmentOutcome> assess(
        List<Position> positions, int from, int to, Deadline deadline) {
      return assessor.assessAll(positions, from, to, thresholds, markets, deadline::check);
    }
  }

  /**
   * The liquidation queue of {@code positions} against this snapshot ({@link LiquidationQueue}):
   * each asset's window is an hour, its capacity its bonus's impact under the square-root law
   * (σ_day and market of its thresholds, the policy's impact coefficient) and the policy's
   * participation cap of its hourly volume.
   */
  public List<LiquidationQueue.Entry> liquidationQueue(
      ResolvedPolicy policy, List<Position> positions, Deadline deadline) {
    List<Assessment> due = new ArrayList<>();
    for (AssessmentOutcome o : assess(policy, positions, deadline)) {
      if (o.assessment() != null) {
        due.add(o.assessment());
      }
    }
    Map<String, LiquidationQueue.AssetCapacity> capacity = new HashMap<>();
    for (AssetView v : assets.values()) {
      AssetThresholds t = v.governed();
      if (t == null || !(t.dailyVolatility() > 0) || !(t.bonus() > 0)) {
        continue;
      }
      ExecutionConfig e = policy.forSymbol(v.symbol()).execution();
      capacity.put(
          v.symbol(),
          new LiquidationQueue.AssetCapacity(
              SquareRootImpact.of(v.market(), t.dailyVolatility(), e.impactCoefficient()),
              t.bonus(),
              v.market().hourlyQuoteVolume(),
              e.participationRate()));
    }
    return LiquidationQueue.of(due, capacity);
  }

  /** The held assets whose thresholds are stale, by symbol. */
  List<String> staleSymbols() {
    List<String> out = new ArrayList<>();
    for (AssetView v : assets.values()) {
      if (v.governed() != null && v.governed().stale()) {
        out.add(v.symbol());
      }
    }
    return out;
  }

  /** The held assets without thresholds, by symbol. */
  List<String> unavailableSymbols() {
    List<String> out = new ArrayList<>();
    for (AssetView v : assets.values()) {
      if (v.governed() == null) {
        out.add(v.symbol());
      }
    }
    return out;
  }

  /** Reports this snapshot: how many assets have thresholds, and why the others have none. */
  public void describeTo(Consumer<String> progress) {
    long ready = assets().values().stream().filter(v -> v.governed() != null).count();
    progress.accept(
        String.format(
            "thresholds: %d of %d assets by %s (%s), clock %s at %s",
            ready, assets().size(), modelId(), mode(), clock(), Instant.ofEpochMilli(nowMs())));
    for (AssetView v : assets().values()) {
      if (v.unavailable() != null) {
        progress.accept("  " + v.symbol() + ": no thresholds: " + v.unavailable());
      }
    }
  }
}

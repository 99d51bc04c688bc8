package io.liqopt.serving.state;

import java.util.Map;
import java.util.Optional;

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
}

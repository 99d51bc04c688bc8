package io.liqopt.serving.state;

import java.util.List;

/**
 * The engine's health at one moment: the snapshot, its assets that are stale or without thresholds,
 * the last reload and governor save. Degraded when any asset is stale or unavailable, the last
 * governor save failed, or the last reload refused a bundle.
 *
 * @param state the snapshot it describes
 * @param staleAssets held assets whose thresholds are stale
 * @param unavailableAssets held assets without thresholds
 * @param lastReload what the last reload (or the start) did
 * @param lastPersistError the last failure to save governor state, or null
 * @param walBytes bytes in the write-ahead log's active segment
 */
public record EngineHealth(
    ServingState state,
    List<String> staleAssets,
    List<String> unavailableAssets,
    ReloadStatus lastReload,
    String lastPersistError,
    long walBytes) {

  public EngineHealth {
    staleAssets = List.copyOf(staleAssets);
    unavailableAssets = List.copyOf(unavailableAssets);
  }

  /** Whether anything needs an operator's look. */
  public boolean degraded() {
    return !staleAssets.isEmpty()
        || !unavailableAssets.isEmpty()
        || lastPersistError != null
        || (lastReload != null && lastReload.outcome().equals("refused"));
  }
}

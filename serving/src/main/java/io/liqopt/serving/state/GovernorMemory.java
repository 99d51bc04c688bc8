package io.liqopt.serving.state;

import io.liqopt.core.policy.GovernorState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governor's memory: every asset's {@link GovernorState}, stepped by each snapshot and saved
 * after it ({@link GovernorStore}). A failed save is kept for {@code /health}, not thrown: the
 * thresholds in memory stay right, only a restart would lose the step. The states are guarded by
 * the engine's lock; the last save error is readable from any thread.
 */
class GovernorMemory {
  // the engine's logger: operators filter the serving log by it
  private static final Logger LOG = LoggerFactory.getLogger(ThresholdEngine.class);

  private final GovernorStore store;
  private final Map<String, GovernorState> states;
  private volatile String lastPersistError;

  private GovernorMemory(GovernorStore store, Map<String, GovernorState> states) {
    this.store = store;
    this.states = states;
  }

  /**
   * The states saved last under {@code dataDir/state/governor.json.0} or {@code .1} ({@link
   * GovernorStore}); none when nothing was saved yet.
   *
   * @throws IOException when the file exists but cannot be read
   */
  static GovernorMemory load(Path dataDir) throws IOException {
    GovernorStore store = new GovernorStore(dataDir.resolve("state").resolve("governor.json"));
    return new GovernorMemory(store, store.load());
  }

  /** A copy of the states now, which saves nowhere (a rehearsal's). Under the engine's lock. */
  GovernorMemory copy() {
    return new GovernorMemory(null, new java.util.HashMap<>(states)) {
      @Override
      void save() {}
    };
  }

  /** The state of {@code symbol}, or null before its first step. */
  GovernorState get(String symbol) {
    return states.get(symbol);
  }

  void put(String symbol, GovernorState state) {
    states.put(symbol, state);
  }

  /** Saves every state; a failure is logged and kept as {@link #lastPersistError()}. */
  void save() {
    try {
      store.save(states);
      lastPersistError = null;
    } catch (IOException e) {
      lastPersistError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.error("cannot save governor state to {}: {}", store.file(), lastPersistError);
    }
  }

  /** The last failure to save, or null when the last save worked. */
  String lastPersistError() {
    return lastPersistError;
  }
}

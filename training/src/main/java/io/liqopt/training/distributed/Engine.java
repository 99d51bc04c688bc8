package io.liqopt.training.distributed;

import io.liqopt.training.walkforward.TaskRunner;

/** A started distributed engine: a session on a cluster (or a local one) that runs tasks. */
public interface Engine extends AutoCloseable {

  /** One line for the console: the engine, its master and its parallelism. */
  String describe();

  /**
   * A runner of walk-forward tasks over {@code market}, forecasters built by {@code forecasters}.
   */
  TaskRunner walkForward(MarketSource market, ForecasterFactory forecasters);

  /** Stops the session. */
  @Override
  void close();
}

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

  /**
   * {@code fn} applied to every input, each in a task of its own with its library threads held to
   * one, the results in the inputs' order; {@code done} is told after each task.
   *
   * @throws IllegalStateException naming the first task's failure
   */
  <T extends java.io.Serializable, R extends java.io.Serializable> java.util.List<R> map(
      String job, java.util.List<T> inputs, TaskFunction<T, R> fn, Runnable done);

  /** Stops the session. */
  @Override
  void close();
}

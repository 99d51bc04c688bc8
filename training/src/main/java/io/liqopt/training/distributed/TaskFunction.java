package io.liqopt.training.distributed;

import java.io.Serializable;

/**
 * The work of one distributed task: a function sent to a worker with its input. Whatever it
 * captures travels with it, so it captures small serialisable values (arguments, paths as text,
 * seeds) and rebuilds anything large where it runs.
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
  R apply(T input) throws Exception;
}

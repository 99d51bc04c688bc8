package io.liqopt.store;

import java.io.IOException;

/**
 * Another writer held the market store's {@link StoreLock} for longer than the writer would wait.
 * Nothing was written; the message names the lock file and what to do.
 */
public final class StoreLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  public StoreLockedException(String message) {
    super(message);
  }
}

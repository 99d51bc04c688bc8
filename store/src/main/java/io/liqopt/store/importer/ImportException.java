package io.liqopt.store.importer;

import java.io.IOException;

/** A file that cannot be imported; the message reads {@code file:line: what is wrong}. */
public final class ImportException extends IOException {
  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}

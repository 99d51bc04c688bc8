package io.liqopt.ml;

/** A bundle that cannot be used: missing, corrupt, tampered with or built for other features. */
public final class BundleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.liqopt.core.policy;

/**
 * A refused risk configuration: names the offending field (as a JSON path such as {@code
 * assets.BTCUSDT.alpha}) and the reason. The message is {@code field: reason}.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  public ConfigException(String field, String reason) {
    this(field, reason, null);
  }

  public ConfigException(String field, String reason, Throwable cause) {
    super(field + ": " + reason, cause);
    this.field = field;
    this.reason = reason;
  }

  /** The offending field, as a dotted JSON path. */
  public String field() {
    return field;
  }

  /** Why the field was refused. */
  public String reason() {
    return reason;
  }

  /** The same error with {@code prefix.} put before the field. */
  ConfigException under(String prefix) {
    return new ConfigException(prefix + "." + field, reason, this);
  }
}

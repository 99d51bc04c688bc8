package io.liqopt.core.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.Objects;

/**
 * One explained step of a result: a stable {@link ReasonCode} and a detail with the numbers.
 * Immutable and thread-safe. A detail made with {@link #formatted} is formatted only when first
 * read: the backtest and the optimiser run the pipeline millions of times and never read theirs
 * (formatting was three quarters of a sweep's time), the service formats what it answers.
 */
@JsonPropertyOrder({"code", "detail"})
public final class Reason {
  private final ReasonCode code;
  private final String format;
  private final Object[] args;
  private volatile String detail;

  /**
   * A reason with its detail.
   *
   * @param code the stable code
   * @param detail the values involved, human-readable (the code's description when null or blank)
   */
  public Reason(ReasonCode code, String detail) {
    this.code = Objects.requireNonNull(code, "code");
    this.detail = detail == null || detail.isBlank() ? code.description() : detail;
    this.format = null;
    this.args = null;
  }

  private Reason(ReasonCode code, String format, Object[] args) {
    this.code = Objects.requireNonNull(code, "code");
    this.format = Objects.requireNonNull(format, "format");
    this.args = args.clone();
  }

  /** A reason whose detail is the code's own description. */
  public static Reason of(ReasonCode code) {
    return new Reason(code, code.description());
  }

  /**
   * A reason whose detail is {@code String.format(Locale.ROOT, format, args)}, formatted when first
   * read. The arguments must be immutable (numbers, strings).
   */
  public static Reason formatted(ReasonCode code, String format, Object... args) {
    return new Reason(code, format, args);
  }

  /** The stable code. */
  @JsonProperty("code")
  public ReasonCode code() {
    return code;
  }

  /** The values involved, human-readable (never blank). */
  @JsonProperty("detail")
  public String detail() {
    String d = detail;
    if (d == null) {
      d = format(code, format, args);
      detail = d;
    }
    return d;
  }

  /**
   * The detail of a formatted reason. A format its arguments do not fit (a programming error the
   * tests should have caught) gives the code's description, the format and the arguments, never an
   * exception: the detail is read while an answer is written, where an exception would turn an
   * answer into a 500.
   */
  static String format(ReasonCode code, String format, Object[] args) {
    String d;
    try {
      d = String.format(Locale.ROOT, format, args);
    } catch (IllegalFormatException e) {
      return code.description() + " [unformatted: " + format + " " + Arrays.toString(args) + "]";
    }
    return d.isBlank() ? code.description() : d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Reason r && r.code == code && r.detail().equals(detail());
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, detail());
  }

  @Override
  public String toString() {
    return "Reason[code=" + code + ", detail=" + detail() + "]";
  }
}

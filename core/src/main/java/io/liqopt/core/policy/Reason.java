package io.liqopt.core.policy;

import java.util.Objects;

/**
 * One explained step of a result: a stable {@link ReasonCode} and a detail with the numbers.
 *
 * @param code the stable code
 * @param detail the values involved, human-readable (never blank)
 */
public record Reason(ReasonCode code, String detail) {

  public Reason {
    Objects.requireNonNull(code, "code");
    detail = detail == null || detail.isBlank() ? code.description() : detail;
  }

  /** A reason whose detail is the code's own description. */
  public static Reason of(ReasonCode code) {
    return new Reason(code, code.description());
  }
}

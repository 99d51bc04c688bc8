package io.liqopt.serving.api;

import io.liqopt.serving.state.IngestRejected;
import java.util.ArrayList;
import java.util.List;

/**
 * A client-visible failure: thrown by handlers and turned into a {@link Problem} by the one mapper
 * in {@link ServingApp}. Its message is the problem's detail and goes to the client as it is, so it
 * must never carry internals (paths of the server, stack frames).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String kind;
  private final String title;
  private final List<Problem.FieldError> errors;
  private final List<Problem.BarConflict> conflicts;
  private final int retryAfterSeconds;

  private ApiException(
      int status,
      String kind,
      String title,
      String detail,
      List<Problem.FieldError> errors,
      List<Problem.BarConflict> conflicts) {
    this(status, kind, title, detail, errors, conflicts, 0);
  }

  private ApiException(
      int status,
      String kind,
      String title,
      String detail,
      List<Problem.FieldError> errors,
      List<Problem.BarConflict> conflicts,
      int retryAfterSeconds) {
    super(detail, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
    this.status = status;
    this.kind = kind;
    this.title = title;
    this.errors = errors == null ? null : List.copyOf(errors);
    this.conflicts = conflicts == null ? null : List.copyOf(conflicts);
  }

  /** 400: the request is malformed (not JSON, wrong structure). */
  public static ApiException malformed(String detail) {
    return new ApiException(400, "malformed-request", "Malformed request", detail, null, null);
  }

  /** 400: one or more fields are invalid. */
  public static ApiException invalid(List<Problem.FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size()
                + " invalid fields, the first: "
                + errors.get(0).field()
                + ": "
                + errors.get(0).message();
    return new ApiException(400, "invalid-field", "Invalid field", detail, errors, null);
  }

  /** 400: one invalid field. */
  public static ApiException invalid(String field, String message) {
    return invalid(List.of(new Problem.FieldError(field, message)));
  }

  /** 404: symbols the service does not hold. */
  public static ApiException unknownSymbols(List<String> symbols) {
    String named =
        symbols.size() <= MAX_SYMBOLS_NAMED
            ? String.join(", ", symbols)
            : String.join(", ", symbols.subList(0, MAX_SYMBOLS_NAMED))
                + " and "
                + (symbols.size() - MAX_SYMBOLS_NAMED)
                + " more";
    return new ApiException(
        404,
        "unknown-symbol",
        "Unknown symbol",
        (symbols.size() == 1 ? "unknown symbol " : "unknown symbols ")
            + named
            + " (GET /v1/assets lists the symbols served)",
        null,
        null);
  }

  /** The most unknown symbols a problem names (the rest are counted): its size stays bounded. */
  static final int MAX_SYMBOLS_NAMED = 20;

  /** 404: no such route. */
  public static ApiException noRoute(String method, String path) {
    return new ApiException(
        404,
        "not-found",
        "Not found",
        "no route " + method + " " + path + " (GET /openapi.json lists the routes)",
        null,
        null);
  }

  /** 404: a feature that is off in this server. */
  public static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", "Not found", detail, null, null);
  }

  /** 406: the client does not accept what the route answers. */
  public static ApiException notAcceptable(String detail) {
    return new ApiException(406, "not-acceptable", "Not acceptable", detail, null, null);
  }

  /** 405: the route exists with other methods. */
  public static ApiException methodNotAllowed(String method, String path) {
    return new ApiException(
        405,
        "method-not-allowed",
        "Method not allowed",
        method + " is not allowed on " + path,
        null,
        null);
  }

  /** 409: bars that clash with stored bars or with each other; nothing was stored. */
  public static ApiException barConflicts(List<Problem.BarConflict> conflicts) {
    Problem.BarConflict first = conflicts.get(0);
    return new ApiException(
        409,
        "bar-conflict",
        "Bars conflict with the stored series",
        conflicts.size()
            + " bar(s) refused, nothing stored; the first: "
            + first.symbol()
            + "["
            + first.index()
            + "] "
            + first.detail(),
        null,
        conflicts);
  }

  /** 409: the request clashes with what the server holds (e.g. a stale version). */
  public static ApiException conflict(String kind, String title, String detail) {
    return new ApiException(409, kind, title, detail, null, null);
  }

  /** 404 for the unknown symbols of a refused ingest, else 409 for its conflicting bars. */
  public static ApiException ingestRejected(IngestRejected e) {
    if (!e.unknownSymbols().isEmpty()) {
      return unknownSymbols(e.unknownSymbols());
    }
    List<Problem.BarConflict> conflicts = new ArrayList<>();
    for (IngestRejected.Conflict c : e.conflicts()) {
      conflicts.add(
          new Problem.BarConflict(c.symbol(), c.index(), c.openTimeMs(), c.reason(), c.detail()));
    }
    return barConflicts(conflicts);
  }

  /** 413: a body or batch over the configured limits. */
  public static ApiException tooLarge(String detail) {
    return new ApiException(413, "too-large", "Request too large", detail, null, null);
  }

  /** 415: a body that is not JSON. */
  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "expected Content-Type application/json, got "
            + (contentType == null ? "no Content-Type" : contentType),
        null,
        null);
  }

  /** 401: missing or wrong bearer token. */
  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", "Unauthorized", detail, null, null);
  }

  /** 403: the operation is disabled on this server. */
  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "Forbidden", detail, null, null);
  }

  /** 422: a valid request that cannot be answered from the data given (e.g. too few bars). */
  public static ApiException unprocessable(String detail) {
    return new ApiException(422, "unprocessable", "Cannot compute", detail, null, null);
  }

  /** 503: the service cannot answer yet (not ready, no forecast for an asset). */
  public static ApiException unavailable(String detail) {
    return new ApiException(503, "unavailable", "Service unavailable", detail, null, null);
  }

  /**
   * 503 with {@code Retry-After}: the server is at its concurrency limit for this route, or the
   * request ran past its deadline; the same request may succeed after {@code retryAfterSeconds}.
   */
  public static ApiException busy(String detail, int retryAfterSeconds) {
    return new ApiException(
        503, "busy", "Service busy", detail, null, null, Math.max(1, retryAfterSeconds));
  }

  /** Seconds for the {@code Retry-After} header; 0 when the answer has none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  /** The problem for a request to {@code path}. */
  public Problem toProblem(String path) {
    return new Problem("/problems/" + kind, title, status, getMessage(), path, errors, conflicts);
  }
}

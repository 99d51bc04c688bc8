package io.liqopt.serving.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem (relative to the API, e.g. {@code
 *     /problems/invalid-field})
 * @param title a short summary of the kind, the same for every occurrence
 * @param status the HTTP status code
 * @param detail what went wrong with this request, in plain words
 * @param instance the request path
 * @param errors one entry per offending field, or absent
 * @param conflicts for 409: the bars that clash with stored ones or with each other, or absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors,
    List<BarConflict> conflicts) {

  /** The media type of a problem body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One invalid field.
   *
   * @param field a JSON path such as {@code positions[3].debtQuote}
   * @param message what is wrong with it
   */
  public record FieldError(String field, String message) {}

  /**
   * One bar that could not be accepted.
   *
   * @param symbol the series
   * @param index the bar's index in its request list
   * @param openTimeMs its open time
   * @param reason why: {@code duplicate}, {@code conflict}, {@code out-of-order}
   * @param detail the explanation, naming the stored bar it clashes with
   */
  public record BarConflict(
      String symbol, int index, long openTimeMs, String reason, String detail) {}
}

package io.liqopt.serving.api;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler, for requests refused before they reach the app: a request line or header
 * Jetty cannot parse (400), a URI or headers over the size limits (414, 431), a protocol version it
 * does not speak (Jetty's 505, answered as a 400: a client's fault). Answers them as problems too,
 * instead of Jetty's HTML page.
 *
 * <p>The detail is Jetty's reason phrase at most (e.g. "Illegal character CNTL=0x0"), never the
 * cause's {@code toString()} nor the URI (which may be what was too long). Thread-safe: no state.
 */
final class ProtocolErrors implements Request.Handler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String reason = null;
    if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException e) {
      status = e.getCode();
      reason = e.getReason();
      if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
        // a request line that is not HTTP/1.x (or garbled, e.g. an empty target shifts the
        // version): the client's fault, so not counted among the server's 5xx
        reason = HttpStatus.getMessage(status);
        status = HttpStatus.BAD_REQUEST_400;
      }
      response.setStatus(status);
    }
    if (HttpStatus.hasNoBody(status)) {
      callback.succeeded();
      return true;
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    byte[] body = ServingApp.json(problem(status, reason));
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** The problem of a request Jetty refused with {@code status}, for {@code reason}. */
  static Problem problem(int status, String reason) {
    String title = HttpStatus.getMessage(status);
    if (status >= 500) {
      return new Problem(
          "/problems/internal",
          title,
          status,
          "the server could not handle " + "this request",
          null,
          null,
          null);
    }
    String detail =
        reason == null || reason.isBlank() || reason.equals(title)
            ? "the request is not valid HTTP or is over the server's size limits (" + title + ")"
            : title + ": " + reason;
    return new Problem("/problems/bad-http", title, status, detail, null, null, null);
  }
}

package io.liqopt.serving.api;

import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Removes the method-override headers before the app sees a request. Javalin takes the method of a
 * request from {@code X-HTTP-Method-Override} when it is sent (there is no setting to turn that
 * off), so without this a GET, which a browser sends across origins with no preflight, would reach
 * a POST handler; the method a client sends on the wire is the only one honoured.
 */
final class MethodOverrides extends Handler.Wrapper {
  /** The headers removed, lower case (the names various frameworks honour). */
  static final Set<String> HEADERS =
      Set.of("x-http-method-override", "x-http-method", "x-method-override");

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpFields headers = request.getHeaders();
    if (!carriesOverride(headers)) {
      return super.handle(request, response, callback);
    }
    HttpFields.Mutable kept = HttpFields.build(headers.size());
    for (var field : headers) {
      if (!HEADERS.contains(field.getLowerCaseName())) {
        kept.add(field);
      }
    }
    HttpFields without = kept.asImmutable();
    return super.handle(
        new Request.Wrapper(request) {
          @Override
          public HttpFields getHeaders() {
            return without;
          }
        },
        response,
        callback);
  }

  private static boolean carriesOverride(HttpFields headers) {
    for (var field : headers) {
      if (HEADERS.contains(field.getLowerCaseName())) {
        return true;
      }
    }
    return false;
  }
}

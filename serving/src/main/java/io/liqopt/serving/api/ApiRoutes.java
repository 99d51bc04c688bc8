package io.liqopt.serving.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.liqopt.serving.state.ThresholdEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Operations routes (health, readiness, metrics, OpenAPI, dashboard) and response helpers. */
final class ApiRoutes {
  /** Where the annotation processor writes the OpenAPI document at compile time. */
  static final String OPENAPI_RESOURCE = "openapi-plugin/openapi-default.json";

  private static final Map<String, String> DASHBOARD_TYPES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "book.js", "text/javascript; charset=utf-8",
          "style.css", "text/css; charset=utf-8");

  private final Service service;
  private final byte[] openApi;

  ApiRoutes(Service service) {
    this.service = service;
    this.openApi = resource(OPENAPI_RESOURCE);
  }

  @OpenApi(
      path = "/health",
      methods = HttpMethod.GET,
      tags = "operations",
      summary =
          "Liveness and state: model, stale assets, the last reload (a refused bundle shows here),"
              + " write-ahead log size, each background task's last success and failures, the"
              + " last WAL append, and which optional live features are on (features.livePrices,"
              + " features.book)",
      responses =
          @OpenApiResponse(
              status = "200",
              content = @OpenApiContent(from = Responses.HealthResponse.class)))
  void health(Context ctx) {
    ThresholdEngine e = service.engineOrNull();
    long uptime = service.uptimeSeconds();
    if (e == null) {
      json(
          ctx,
          Responses.HealthResponse.starting(
              service.ingestEnabled(), uptime, service.supervisor(), service.features()));
      return;
    }
    json(
        ctx,
        Responses.HealthResponse.of(
            e.health(),
            service.isReady(),
            service.ingestEnabled(),
            uptime,
            paths(e),
            service.supervisor(),
            service.features()));
  }

  @OpenApi(
      path = "/ready",
      methods = HttpMethod.GET,
      tags = "operations",
      summary =
          "200 once data, model and thresholds are loaded; 503 before, while draining, and (a"
              + " problem) while the write-ahead log is unusable or the threshold refresh keeps"
              + " failing",
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = Responses.ReadyResponse.class)),
        @OpenApiResponse(
            status = "503",
            content = {
              @OpenApiContent(from = Responses.ReadyResponse.class),
              @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)
            })
      })
  void ready(Context ctx) {
    boolean ready = service.isReady();
    ThresholdEngine e = service.engineOrNull();
    String broken = service.supervisor().unreadyReason();
    if (ready && broken != null) {
      throw ApiException.unavailable(paths(e).relative(broken));
    }
    ctx.status(ready ? 200 : 503);
    json(ctx, new Responses.ReadyResponse(ready));
  }

  @OpenApi(
      path = "/metrics",
      methods = HttpMethod.GET,
      tags = "operations",
      summary =
          "Prometheus text: request counts and latency histograms per route, model id, data age per"
              + " asset",
      responses =
          @OpenApiResponse(
              status = "200",
              content = @OpenApiContent(type = "string", mimeType = "text/plain")))
  void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(service.metrics().scrape());
  }

  @OpenApi(
      path = "/openapi.json",
      methods = HttpMethod.GET,
      tags = "operations",
      summary = "This document",
      responses =
          @OpenApiResponse(
              status = "200",
              content = @OpenApiContent(type = "object", mimeType = "application/json")))
  void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }

  @OpenApi(
      path = "/",
      methods = HttpMethod.GET,
      tags = "operations",
      summary =
          "The dashboard: per asset, price, forecast volatility, LT and max LTV over recent time;"
              + " with the live engine on, the position book (health-factor histogram, liquidation"
              + " cliff, queue) and the live prices with their guard",
      responses =
          @OpenApiResponse(
              status = "200",
              content = @OpenApiContent(type = "string", mimeType = "text/html")))
  void dashboard(Context ctx) {
    dashboardFile(ctx, "index.html");
  }

  @OpenApi(
      path = "/dashboard/{file}",
      methods = HttpMethod.GET,
      tags = "operations",
      summary = "The dashboard's scripts and style sheet (served from the jar, no CDN)",
      pathParams = @OpenApiParam(name = "file", required = true, example = "app.js"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(type = "string", mimeType = "text/javascript")),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void dashboardAsset(Context ctx) {
    dashboardFile(ctx, ctx.pathParam("file"));
  }

  private void dashboardFile(Context ctx, String file) {
    String type = DASHBOARD_TYPES.get(file);
    if (type == null) {
      throw ApiException.noRoute("GET", ctx.path());
    }
    ctx.contentType(type).header("Cache-Control", "no-cache").result(resource("dashboard/" + file));
  }

  /** Makes the server's paths in texts for clients relative to the engine's folders. */
  static PathTexts paths(ThresholdEngine e) {
    return new PathTexts(e.settings().dataDir(), e.settings().modelsDir());
  }

  /** Writes {@code body} as JSON with the shared mapper. */
  /**
   * Writes {@code body} as JSON unless it would exceed {@code maxBytes}: the serialisation stops at
   * the limit, so no more than that is ever held, and the answer is a 413 whose detail ends with
   * {@code advice}.
   */
  static void json(Context ctx, Object body, long maxBytes, String advice) {
    json(ctx, body, maxBytes, advice, 8192);
  }

  /**
   * As {@link #json(Context, Object, long, String)}, starting with a buffer of {@code
   * expectedBytes} (the answer's likely size: a large one is then not grown by doubling and copied
   * each time).
   */
  static void json(Context ctx, Object body, long maxBytes, String advice, long expectedBytes) {
    BoundedBytes out = new BoundedBytes(maxBytes, expectedBytes);
    try {
      JsonBodies.MAPPER.writeValue(out, body);
    } catch (IOException | RuntimeException e) {
      if (BoundedBytes.overflowed(e)) {
        throw answerTooLarge(maxBytes, advice);
      }
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
    ctx.contentType("application/json").result(out.toByteArray());
  }

  /** The error of an answer over the server's limit of {@code maxBytes}, with what to do. */
  static ApiException answerTooLarge(long maxBytes, String advice) {
    return ApiException.tooLarge(
        "the answer would exceed the server's limit of " + maxBytes + " bytes; " + advice);
  }

  static void json(Context ctx, Object body) {
    try {
      ctx.contentType("application/json").result(JsonBodies.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

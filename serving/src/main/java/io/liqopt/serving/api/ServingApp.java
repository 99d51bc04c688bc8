package io.liqopt.serving.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin application: routes, the one problem+json mapper, metrics and request bounds. {@link
 * #create} returns it unstarted.
 *
 * <p>Every failure leaves as an RFC 9457 problem: {@link ApiException} as it says; Javalin's own
 * (unknown route, wrong method, oversized body) translated; Jetty's, for requests it refuses before
 * the app sees them, by {@link ProtocolErrors}; anything else is a 500 whose body carries only an
 * error id, the stack trace going to the log under that id. Whatever the answer, the body the app
 * did not read is drained before it is sent ({@link UnreadBodies}), so that it reaches a client
 * still writing its body.
 */
public final class ServingApp {
  private static final Logger LOG = LoggerFactory.getLogger(ServingApp.class);

  /**
   * One route of the app.
   *
   * @param method GET, POST, PUT or DELETE
   * @param path the template, e.g. {@code /v1/assets/{symbol}/thresholds}
   */
  public record Route(String method, String path) {}

  private ServingApp() {}

  /**
   * The app over {@code service}; {@code routes}, when not null, receives every route registered
   * (tests compare it with the OpenAPI document).
   */
  public static Javalin create(Service service, List<Route> routes) {
    List<Route> seen = routes == null ? new ArrayList<>() : routes;
    return Javalin.create(
        cfg -> {
          server(cfg, service);
          cfg.events.handlerAdded(
              meta -> {
                if (meta.getHttpMethod().equals(HandlerType.GET)) {
                  seen.add(new Route("GET", meta.getPath()));
                } else if (meta.getHttpMethod().equals(HandlerType.POST)) {
                  seen.add(new Route("POST", meta.getPath()));
                } else if (meta.getHttpMethod().equals(HandlerType.PUT)) {
                  seen.add(new Route("PUT", meta.getPath()));
                } else if (meta.getHttpMethod().equals(HandlerType.DELETE)) {
                  seen.add(new Route("DELETE", meta.getPath()));
                }
              });
          cfg.routes.before(
              ctx -> {
                service.inFlight().incrementAndGet();
                service.metrics().start(ctx);
                ctx.header("Cache-Control", "no-store");
                checkEscapes(ctx.path());
              });
          cfg.routes.after(
              ctx -> {
                service.inFlight().decrementAndGet();
                long nanos = service.metrics().stop(ctx);
                // the service's own time, from the request's head read to its answer made (the
                // body's transfer in included, the answer's out not): not for a stream, whose
                // head is long gone
                if (nanos >= 0 && !ctx.res().isCommitted()) {
                  ctx.header("Server-Timing", Metrics.serverTiming(ctx, nanos));
                }
                // every answer, before Javalin writes it: the body it did not read is drained
                // (after the metrics: a slow client's drain is not the service's latency)
                UnreadBodies.drain(ctx, service.limits().maxBodyBytes());
              });
          routes(cfg, service);
          problems(cfg);
        });
  }

  /**
   * The server's bounds and shutdown: the body size limit, the routing rules, and a graceful stop
   * (Jetty's statistics handler counts requests in flight and, on stop, stops accepting and waits
   * up to the drain timeout for them to finish writing their answers); requests Jetty refuses
   * itself (unparseable, over the URI or header size) get problems too ({@link ProtocolErrors});
   * method-override headers are dropped before Javalin sees them ({@link MethodOverrides}).
   */
  private static void server(JavalinConfig cfg, Service service) {
    cfg.startup.showJavalinBanner = false;
    cfg.http.maxRequestSize = service.limits().maxBodyBytes();
    cfg.http.defaultContentType = "application/json";
    cfg.router.ignoreTrailingSlashes = true;
    cfg.jetty.modifyServer(
        server -> {
          StatisticsHandler statistics = new StatisticsHandler();
          // Javalin puts its own handler inside the innermost wrapper
          statistics.setHandler(new MethodOverrides());
          server.setHandler(statistics);
          server.setStopTimeout(service.drainTimeoutMs());
          server.setErrorHandler(new ProtocolErrors());
        });
    cfg.http.prefer405over404 = true;
  }

  /** Every route, one {@code …Routes} class per resource. */
  private static void routes(JavalinConfig cfg, Service service) {
    AssetRoutes assets = new AssetRoutes(service);
    PositionRoutes positions = new PositionRoutes(service);
    StressRoutes stress = new StressRoutes(service);
    MarketRoutes market = new MarketRoutes(service);
    PriceRoutes prices = new PriceRoutes(service);
    StreamRoutes stream = new StreamRoutes(service);
    LiquidationRoutes liquidations = new LiquidationRoutes(service);
    ApiRoutes ops = new ApiRoutes(service);
    BookRoutes book = new BookRoutes(service);
    cfg.routes.get("/v1/assets", assets::list);
    cfg.routes.get("/v1/assets/{symbol}/thresholds", assets::thresholds);
    cfg.routes.get("/v1/assets/{symbol}/history", assets::history);
    cfg.routes.post("/v1/thresholds", assets::batch);
    cfg.routes.post("/v1/positions/assess", positions::assess);
    cfg.routes.post("/v1/positions/stress", stress::stress);
    cfg.routes.post("/v1/market/bars", market::ingest);
    cfg.routes.post("/v1/market/prices", prices::push);
    cfg.routes.get("/v1/market/prices", prices::prices);
    cfg.routes.get("/v1/stream", stream::open);
    cfg.routes.get("/v1/liquidations", liquidations::queue);
    cfg.routes.post("/v1/admin/reload", market::reload);
    cfg.routes.get("/v1/book", book::summary);
    cfg.routes.put("/v1/book/positions/{id}", book::put);
    cfg.routes.delete("/v1/book/positions/{id}", book::delete);
    cfg.routes.get("/v1/book/positions/{id}", book::get);
    cfg.routes.get("/health", ops::health);
    cfg.routes.get("/ready", ops::ready);
    cfg.routes.get("/metrics", ops::metrics);
    cfg.routes.get("/openapi.json", ops::openApi);
    cfg.routes.get("/", ops::dashboard);
    cfg.routes.get("/dashboard/{file}", ops::dashboardAsset);
  }

  /**
   * The one problem+json mapper: {@link ApiException} as it says, Javalin's own failures
   * translated, anything else a 500 carrying only an error id (the stack trace is logged under it).
   */
  private static void problems(JavalinConfig cfg) {
    cfg.routes.exception(ApiException.class, (e, ctx) -> problem(ctx, e));
    cfg.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, translate(e, ctx)));
    cfg.routes.exception(Exception.class, (e, ctx) -> internal(ctx, e));
    cfg.routes.error(
        404,
        ctx -> {
          if (!isProblem(ctx)) {
            problem(ctx, ApiException.noRoute(ctx.method().name(), ctx.path()));
          }
        });
    cfg.routes.error(
        405,
        ctx -> {
          if (!isProblem(ctx)) {
            problem(ctx, ApiException.methodNotAllowed(ctx.method().name(), ctx.path()));
          }
        });
  }

  /** A 500: the body names only an error id; the log has the stack trace under it. */
  private static void internal(Context ctx, Exception e) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("error {} on {} {}", id, ctx.method(), ctx.path(), e);
    ctx.status(500)
        .contentType(Problem.MEDIA_TYPE)
        .result(
            json(
                new Problem(
                    "/problems/internal",
                    "Internal error",
                    500,
                    "the server failed on this request "
                        + "(error id "
                        + id
                        + ", in the server log); it was not caused by the request",
                    ctx.path(),
                    null,
                    null)));
  }

  /**
   * Refuses a path Javalin could not decode: Jetty lets through percent-escapes such as {@code
   * %u0041}, and Javalin's path parameters would then fail with an IllegalArgumentException, a 500
   * for what is the client's malformed request.
   */
  private static void checkEscapes(String rawPath) {
    try {
      URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.malformed(
          "the path has a malformed percent-escape (expected % and two " + "hex digits)");
    }
  }

  private static boolean isProblem(Context ctx) {
    String type = ctx.res().getContentType();
    return type != null && type.startsWith(Problem.MEDIA_TYPE);
  }

  private static ApiException translate(HttpResponseException e, Context ctx) {
    return switch (e.getStatus()) {
      case 404 -> ApiException.noRoute(ctx.method().name(), ctx.path());
      case 405 -> ApiException.methodNotAllowed(ctx.method().name(), ctx.path());
      case 413 -> ApiException.tooLarge("body is over the limit");
      default ->
          e.getStatus() < 500
              ? ApiException.malformed(e.getMessage())
              : ApiException.unavailable(e.getMessage());
    };
  }

  private static void problem(Context ctx, ApiException e) {
    ctx.status(e.status()).contentType(Problem.MEDIA_TYPE).result(json(e.toProblem(ctx.path())));
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
  }

  static byte[] json(Object o) {
    try {
      return JsonBodies.MAPPER.writeValueAsBytes(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      return "{\"title\":\"Internal error\",\"status\":500}".getBytes(StandardCharsets.UTF_8);
    }
  }
}

package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.liqopt.core.position.LiquidationQueue;
import io.liqopt.serving.book.BookViews;
import io.liqopt.serving.book.LiveBook;
import io.liqopt.serving.state.Deadline;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import java.util.List;

/** {@code GET /v1/liquidations}: the book's liquidation queue ({@link LiquidationQueue}). */
final class LiquidationRoutes {
  /** The most liquidatable positions one request assesses (the rest are counted). */
  static final int MAX_ASSESSED = 100_000;

  /** The most queue entries one answer carries. */
  static final int MAX_LIMIT = 10_000;

  /**
   * The queue.
   *
   * @param liquidatable positions liquidatable in the book now
   * @param assessed how many of them were assessed (all, up to {@value #MAX_ASSESSED}; beyond it
   *     the queue orders the first {@value #MAX_ASSESSED} in the book's order)
   * @param queue the first {@code limit} entries, in order
   */
  public record QueueResponse(
      long stateVersion, int liquidatable, int assessed, List<LiquidationQueue.Entry> queue) {}

  private final Service service;

  LiquidationRoutes(Service service) {
    this.service = service;
  }

  @OpenApi(
      path = "/v1/liquidations",
      methods = HttpMethod.GET,
      tags = "book",
      summary =
          "The position book's liquidation queue: liquidatable positions by coverage of debt and"
              + " bonus, each with its next slice, sequenced so that one hour's combined sales"
              + " of an asset stay within its bonus's impact and the participation cap",
      queryParams =
          @OpenApiParam(name = "limit", type = Integer.class, example = "100", required = false),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = QueueResponse.class)),
        @OpenApiResponse(
            status = "400",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "503",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void queue(Context ctx) {
    LiveBook book = service.book();
    ThresholdEngine engine = service.engine();
    int limit = limit(ctx.queryParam("limit"));
    service.gated(
        Gates.Route.ASSESS,
        ctx,
        admission -> {
          Deadline deadline = admission.compute();
          BookViews.Liquidatable due = book.liquidatable(MAX_ASSESSED);
          ServingState s = engine.state();
          List<LiquidationQueue.Entry> q =
              s.liquidationQueue(engine.settings().policy(), due.positions(), deadline);
          ApiRoutes.json(
              ctx,
              new QueueResponse(
                  s.version(),
                  due.total(),
                  due.positions().size(),
                  q.subList(0, Math.min(limit, q.size()))),
              service.limits().maxAnswerBytes(),
              "ask for a smaller ?limit");
        });
  }

  private static int limit(String v) {
    if (v == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1 || n > MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.invalid("limit", "must be an integer in [1, " + MAX_LIMIT + "]");
    }
  }
}

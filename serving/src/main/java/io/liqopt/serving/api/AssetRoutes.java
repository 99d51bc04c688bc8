package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.BatchView;
import io.liqopt.serving.state.Deadline;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.store.MarketStore;
import java.util.List;

/** The assets and their thresholds. */
final class AssetRoutes {
  private final Service service;

  AssetRoutes(Service service) {
    this.service = service;
  }

  @OpenApi(
      path = "/v1/assets",
      methods = HttpMethod.GET,
      tags = "thresholds",
      summary = "Every asset with its current thresholds",
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = Responses.AssetsResponse.class)),
        @OpenApiResponse(
            status = "503",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void list(Context ctx) {
    ApiRoutes.json(ctx, Responses.AssetsResponse.of(service.engine().state()));
  }

  @OpenApi(
      path = "/v1/assets/{symbol}/thresholds",
      methods = HttpMethod.GET,
      tags = "thresholds",
      summary = "Max LTV, liquidation threshold, bonus, close factor, forecasts and reasons",
      pathParams = @OpenApiParam(name = "symbol", required = true, example = "BTCUSDT"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = Responses.AssetThresholdsResponse.class)),
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
  void thresholds(Context ctx) {
    ServingState s = service.engine().state();
    AssetView v = held(s, ctx.pathParam("symbol"));
    ApiRoutes.json(ctx, Responses.AssetThresholdsResponse.of(s, v, true));
  }

  @OpenApi(
      path = "/v1/assets/{symbol}/history",
      methods = HttpMethod.GET,
      tags = "thresholds",
      summary = "Recent hourly price, 24 h volatility forecast and target LT / max LTV (dashboard)",
      pathParams = @OpenApiParam(name = "symbol", required = true, example = "BTCUSDT"),
      queryParams =
          @OpenApiParam(name = "hours", type = Integer.class, description = "1..2160, default 168"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = Responses.HistoryResponse.class)),
        @OpenApiResponse(
            status = "400",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void history(Context ctx) {
    ServingState s = service.engine().state();
    AssetView v = held(s, ctx.pathParam("symbol"));
    int hours = ThresholdRequests.historyHours(ctx.queryParam("hours"));
    ApiRoutes.json(
        ctx, new Responses.HistoryResponse(v.symbol(), s.modelId(), v.recentPoints(hours)));
  }

  @OpenApi(
      path = "/v1/thresholds",
      methods = HttpMethod.POST,
      tags = "thresholds",
      summary =
          "Thresholds of several assets; caller-supplied bars for assets the service does not hold",
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = @OpenApiContent(from = Requests.ThresholdsRequest.class)),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = Responses.BatchThresholdsResponse.class)),
        @OpenApiResponse(
            status = "400",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "409",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "413",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "422",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void batch(Context ctx) {
    ThresholdEngine engine = service.engine();
    service.gated(
        Gates.Route.THRESHOLDS,
        ctx,
        admission -> {
          Requests.ThresholdsRequest r =
              JsonBodies.read(
                  ctx, Requests.ThresholdsRequest.class, service.limits().maxBodyBytes());
          ServingState s = engine.state();
          ThresholdRequests.Batch q =
              ThresholdRequests.batch(r, s.assets().keySet(), service.limits());
          Deadline deadline = admission.compute();
          List<BatchView> views;
          try {
            // a caller's series is checked when its asset's turn comes, as the answer is built
            views =
                engine.thresholds(
                    s,
                    q.symbols(),
                    sym ->
                        BarRequests.series(
                            sym, q.bars().get(sym), "bars." + sym, engine.wallMillis()),
                    deadline);
          } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage());
          }
          ApiRoutes.json(
              ctx,
              Responses.BatchThresholdsResponse.of(s, views),
              service.limits().maxAnswerBytes(),
              "ask for fewer symbols");
        });
  }

  /** The view of a held symbol, or 400 (malformed) / 404 (not held). */
  static AssetView held(ServingState s, String symbol) {
    try {
      MarketStore.checkSymbol(symbol);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("symbol", e.getMessage());
    }
    return s.asset(symbol).orElseThrow(() -> ApiException.unknownSymbols(List.of(symbol)));
  }
}

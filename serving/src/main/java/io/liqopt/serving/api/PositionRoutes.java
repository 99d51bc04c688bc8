package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.position.AssessmentOutcome;
import io.liqopt.core.position.Position;
import io.liqopt.core.position.PositionAssessor;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Position assessment. */
final class PositionRoutes {
  private final Service service;

  PositionRoutes(Service service) {
    this.service = service;
  }

  @OpenApi(
      path = "/v1/positions/assess",
      methods = HttpMethod.POST,
      tags = "positions",
      summary =
          "Health factor, liquidatable?, repay amount, seizure and execution slices for one"
              + " position or a batch",
      queryParams =
          @OpenApiParam(
              name = "view",
              description =
                  "full (default): every assessment with its plan, seizures, slices and thresholds;"
                      + " compact: HF, liquidatable, distance, repay, full, bad debt per position"
                      + " (for large books)"),
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = @OpenApiContent(from = Requests.AssessRequest.class)),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = {
              @OpenApiContent(from = Responses.AssessResponse.class),
              @OpenApiContent(
                  from = Responses.CompactAssessResponse.class,
                  mimeType = "application/json; view=compact")
            }),
        @OpenApiResponse(
            status = "400",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "413",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "503",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void assess(Context ctx) {
    ThresholdEngine engine = service.engine();
    String view = ctx.queryParam("view");
    boolean compact = "compact".equals(view);
    if (view != null && !compact && !view.equals("full")) {
      throw ApiException.invalid("view", "must be full or compact, was '" + view + "'");
    }
    Requests.AssessRequest r =
        JsonBodies.read(ctx, Requests.AssessRequest.class, service.limits().maxBodyBytes());
    ServingState s = engine.state();
    List<Position> positions =
        Requests.positions(
            r,
            sym -> s.asset(sym).map(AssetView::price).orElse(null),
            service.limits().maxPositions());
    Map<String, AssetThresholds> thresholds = new HashMap<>();
    Map<String, MarketSnapshot> markets = new HashMap<>();
    for (AssetView v : s.assets().values()) {
      if (v.governed() != null) {
        thresholds.put(v.symbol(), v.governed());
        markets.put(v.symbol(), v.market());
      }
    }
    List<AssessmentOutcome> out =
        PositionAssessor.of(engine.settings().policy()).assessAll(positions, thresholds, markets);
    int failed = (int) out.stream().filter(o -> !o.ok()).count();
    if (compact) {
      List<Responses.CompactOutcome> items = new java.util.ArrayList<>(out.size());
      for (AssessmentOutcome o : out) {
        items.add(Responses.CompactOutcome.of(o));
      }
      ApiRoutes.json(
          ctx,
          new Responses.CompactAssessResponse(
              s.modelId(), s.mode(), s.nowMs(), out.size() - failed, failed, items));
      return;
    }
    ApiRoutes.json(
        ctx,
        new Responses.AssessResponse(
            s.modelId(), s.mode(), s.nowMs(), out.size() - failed, failed, out));
  }
}

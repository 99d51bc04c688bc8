package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.liqopt.core.position.AssessmentOutcome;
import io.liqopt.core.position.Position;
import io.liqopt.serving.state.Deadline;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import java.util.List;

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
              @OpenApiContent(from = PositionResponses.AssessResponse.class),
              @OpenApiContent(
                  from = PositionResponses.CompactAssessResponse.class,
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
    boolean compact = PositionRequests.compactView(ctx.queryParam("view"));
    service.gated(
        Gates.Route.ASSESS,
        ctx,
        admission -> {
          // each stage's time goes to the answer's Server-Timing header
          long t0 = System.nanoTime();
          byte[] body = JsonBodies.body(ctx, service.limits().maxBodyBytes());
          long t1 = System.nanoTime();
          Metrics.stage(ctx, "read", t1 - t0);
          Requests.AssessRequest r = BatchBodies.assessRequest(body);
          long t2 = System.nanoTime();
          Metrics.stage(ctx, "parse", t2 - t1);
          ServingState s = engine.state();
          List<Position> positions =
              PositionRequests.positions(
                  r, PositionRequests.held(s), service.limits().maxPositions());
          long t3 = System.nanoTime();
          Metrics.stage(ctx, "check", t3 - t2);
          Deadline deadline = admission.compute();
          long t4 = System.nanoTime();
          Metrics.stage(ctx, "gate", t4 - t3);
          long maxBytes = service.limits().maxAnswerBytes();
          if (compact) {
            byte[] answer;
            try {
              answer =
                  CompactAnswer.of(s, engine.settings().policy(), positions, deadline, maxBytes);
            } catch (BoundedBytes.Overflow e) {
              throw ApiRoutes.answerTooLarge(maxBytes, "send fewer positions");
            }
            Metrics.stage(ctx, "answer", System.nanoTime() - t4);
            ctx.contentType("application/json").result(answer);
            return;
          }
          List<AssessmentOutcome> out = s.assess(engine.settings().policy(), positions, deadline);
          ApiRoutes.json(
              ctx,
              PositionResponses.AssessResponse.of(s, out),
              maxBytes,
              "ask for ?view=compact or send fewer positions",
              // about 920 bytes a full item (10 000 positions, a fifth of them liquidatable): a
              // little more, so the buffer is not grown at the end
              positions.size() * 1_000L + 1_024);
          Metrics.stage(ctx, "answer", System.nanoTime() - t4);
        });
  }
}

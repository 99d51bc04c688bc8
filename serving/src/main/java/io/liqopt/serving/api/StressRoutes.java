package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.serving.state.Deadline;
import io.liqopt.serving.state.PositionStress;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;

/**
 * Stress of one cross-margin position ({@code POST /v1/positions/stress}): joint filtered
 * historical simulation of its collateral over a horizon (core.simulation), scaled by each asset's
 * current forecast volatility, and the replay of the held history's own windows ({@link
 * PositionStress}).
 *
 * <p>Bounded three ways so that no request can exhaust the server: the path count ({@link
 * Limits#maxStressPaths()}), the path-hour-asset cells ({@link Limits#STRESS_CELLS}), and the
 * number of stresses computed at once (half the processors, at least one; a request waits up to 10
 * s for its turn, then gets a 503).
 */
final class StressRoutes {
  private final Service service;
  private final PositionStress stresses = new PositionStress();

  StressRoutes(Service service) {
    this.service = service;
  }

  @OpenApi(
      path = "/v1/positions/stress",
      methods = HttpMethod.POST,
      tags = "positions",
      summary =
          "Stress one cross-margin position over a horizon: probability of becoming liquidatable,"
              + " of insolvency, shortfall VaR and ES, min-HF quantiles, and the worst historical"
              + " window",
      description =
          "Filtered historical simulation: blocks of 24 consecutive historical hours of the"
              + " collateral's joint standardised residuals (held history), rescaled by each"
              + " asset's current forecast hourly volatility (sqrt(variance_24h / 24)); LT from the"
              + " governed thresholds, slippage from the square-root impact of selling each whole"
              + " holding. The same seed, request and snapshot give the same answer. Bounded: paths"
              + " ≤ the server's limit (100 000 by default) and paths × hours × assets ≤ 8 000 000"
              + " (400 naming `paths` above either).",
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = @OpenApiContent(from = Requests.StressRequest.class)),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = PositionResponses.StressResponse.class)),
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
            status = "422",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "503",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void stress(Context ctx) {
    ThresholdEngine engine = service.engine();
    service.gated(
        Gates.Route.STRESS,
        ctx,
        admission -> {
          Requests.StressRequest r =
              JsonBodies.read(ctx, Requests.StressRequest.class, service.limits().maxBodyBytes());
          ServingState s = engine.state();
          PositionRequests.Stress q =
              PositionRequests.stress(
                  r,
                  PositionRequests.held(s),
                  service.limits().maxStressPaths(),
                  Limits.STRESS_CELLS);
          Deadline deadline = admission.compute();
          PositionStress.Outcome o;
          try {
            ResolvedPolicy policy = engine.settings().policy();
            o =
                stresses.stress(
                    s, policy, q.position(), q.hours(), q.paths(), q.seed(), q.levels(), deadline);
          } catch (PositionStress.Refused e) {
            throw e.kind() == PositionStress.Refused.Kind.UNAVAILABLE
                ? ApiException.unavailable(e.getMessage())
                : ApiException.unprocessable(e.getMessage());
          }
          ApiRoutes.json(
              ctx,
              PositionResponses.StressResponse.of(s, q, o),
              service.limits().maxAnswerBytes(),
              "ask for fewer levels");
        });
  }
}

package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.state.IngestRejected;
import io.liqopt.serving.state.IngestResult;
import io.liqopt.serving.state.ReloadStatus;
import io.liqopt.serving.state.ThresholdEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Ingest of new bars and the admin reload. */
final class MarketRoutes {
  private final Service service;

  MarketRoutes(Service service) {
    this.service = service;
  }

  @OpenApi(
      path = "/v1/market/bars",
      methods = HttpMethod.POST,
      tags = "market",
      summary =
          "Ingest new hourly bars (bearer token); acknowledged only once in the write-ahead log",
      headers =
          @OpenApiParam(name = "Authorization", required = true, example = "Bearer <LIQOPT_TOKEN>"),
      security = @OpenApiSecurity(name = "bearer"),
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = @OpenApiContent(from = Requests.IngestRequest.class)),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = Responses.IngestResponse.class)),
        @OpenApiResponse(
            status = "400",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "401",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "403",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "409",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "413",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void ingest(Context ctx) {
    service.authorize(ctx.header("Authorization"));
    ThresholdEngine engine = service.engine();
    service.gated(Gates.Route.INGEST, ctx, admission -> ingest(ctx, engine, admission));
  }

  private void ingest(Context ctx, ThresholdEngine engine, Gates.Admission admission) {
    Requests.IngestRequest r =
        JsonBodies.read(ctx, Requests.IngestRequest.class, service.limits().maxBodyBytes());
    List<BarSeries> batches =
        BarRequests.ingest(r, service.limits().maxBars(), engine.wallMillis());
    admission.compute();
    IngestResult result;
    try {
      result = engine.ingest(batches);
    } catch (IngestRejected e) {
      throw ApiException.ingestRejected(e);
    } catch (IOException e) {
      // the server's disk failed: not the client's fault, and nothing was acknowledged
      service.supervisor().walFailed(e);
      throw new UncheckedIOException(e);
    }
    service.supervisor().walAppended();
    service.metrics().ingested(result.bars());
    ApiRoutes.json(
        ctx,
        new Responses.IngestResponse(
            result.bars(), result.symbols(), result.stateVersion(), engine.state().modelId()));
  }

  @OpenApi(
      path = "/v1/admin/reload",
      methods = HttpMethod.POST,
      tags = "admin",
      summary =
          "Load the bundle models/LATEST names (verified first; a refused bundle leaves the current"
              + " one serving)",
      headers =
          @OpenApiParam(name = "Authorization", required = true, example = "Bearer <LIQOPT_TOKEN>"),
      security = @OpenApiSecurity(name = "bearer"),
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = Responses.ReloadResponse.class)),
        @OpenApiResponse(
            status = "401",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "403",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
        @OpenApiResponse(
            status = "422",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void reload(Context ctx) {
    service.authorize(ctx.header("Authorization"));
    ThresholdEngine engine = service.engine();
    service.gated(
        Gates.Route.RELOAD,
        ctx,
        admission -> {
          admission.compute();
          reload(ctx, engine);
        });
  }

  private void reload(Context ctx, ThresholdEngine engine) {
    ReloadStatus status = ApiRoutes.paths(engine).relative(engine.reload("admin"));
    service.metrics().reload(status.outcome());
    if (status.outcome().equals("refused")) {
      throw ApiException.unprocessable(
          "bundle "
              + status.bundleId()
              + " refused, still serving "
              + engine.state().modelId()
              + ": "
              + status.message());
    }
    ApiRoutes.json(ctx, new Responses.ReloadResponse(engine.state().modelId(), status));
  }
}

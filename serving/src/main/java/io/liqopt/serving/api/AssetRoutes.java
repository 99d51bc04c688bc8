package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.liqopt.core.market.BarSeries;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.HistoryPoint;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import io.liqopt.store.MarketStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    String h = ctx.queryParam("hours");
    int hours = 168;
    if (h != null) {
      try {
        hours = Integer.parseInt(h);
      } catch (NumberFormatException e) {
        throw ApiException.invalid("hours", "must be an integer, was '" + h + "'");
      }
      if (hours < 1 || hours > 2160) {
        throw ApiException.invalid("hours", "must be in 1..2160, was " + hours);
      }
    }
    List<HistoryPoint> pts = v.points();
    long from = v.dataTimeMs() - hours * 3_600_000L;
    List<HistoryPoint> out = new ArrayList<>();
    for (HistoryPoint p : pts) {
      if (p.t() > from) {
        out.add(p);
      }
    }
    ApiRoutes.json(ctx, new Responses.HistoryResponse(v.symbol(), s.modelId(), out));
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
    Limits limits = service.limits();
    Requests.ThresholdsRequest r =
        JsonBodies.read(ctx, Requests.ThresholdsRequest.class, limits.maxBodyBytes());
    Requests.Fields f = new Requests.Fields();
    Set<String> wanted = new LinkedHashSet<>();
    if (r.symbols() == null && r.bars() == null) {
      f.add("symbols", "missing");
    }
    if (r.symbols() != null) {
      if (r.symbols().size() > limits.maxSymbols()) {
        throw ApiException.tooLarge(
            "symbols has "
                + r.symbols().size()
                + " items, over the limit of "
                + limits.maxSymbols());
      }
      for (int i = 0; i < r.symbols().size(); i++) {
        String sym = f.symbol(r.symbols().get(i), "symbols[" + i + "]");
        if (sym != null) {
          wanted.add(sym);
        }
      }
    }
    ServingState s = engine.state();
    Map<String, List<Requests.BarIn>> bars = r.bars() == null ? Map.of() : r.bars();
    int totalBars = 0;
    for (Map.Entry<String, List<Requests.BarIn>> e : bars.entrySet()) {
      String sym = f.symbol(e.getKey(), "bars." + e.getKey());
      if (sym == null) {
        continue;
      }
      if (s.assets().containsKey(sym)) {
        f.add(
            "bars." + sym,
            "the service holds "
                + sym
                + "; its bars come from "
                + "POST /v1/market/bars, not from a thresholds request");
      }
      totalBars += f.list(e.getValue(), "bars." + sym, limits.maxBars()).size();
      wanted.add(sym);
    }
    if (totalBars > limits.maxBars()) {
      throw ApiException.tooLarge(
          totalBars + " bars in one request, over the limit of " + limits.maxBars());
    }
    f.check();
    List<String> unknown = new ArrayList<>();
    for (String sym : wanted) {
      if (!s.assets().containsKey(sym) && !bars.containsKey(sym)) {
        unknown.add(sym);
      }
    }
    if (!unknown.isEmpty()) {
      throw ApiException.unknownSymbols(unknown);
    }
    List<Responses.AssetThresholdsResponse> results = new ArrayList<>();
    for (String sym : wanted) {
      AssetView held = s.assets().get(sym);
      if (held != null) {
        results.add(Responses.AssetThresholdsResponse.of(s, held, true));
        continue;
      }
      BarSeries series = Requests.series(sym, bars.get(sym), "bars." + sym, engine.wallMillis());
      AssetView adhoc;
      try {
        adhoc = engine.adhoc(series);
      } catch (IllegalArgumentException e) {
        throw ApiException.unprocessable(e.getMessage());
      }
      results.add(Responses.AssetThresholdsResponse.of(s, adhoc, false));
    }
    ApiRoutes.json(ctx, new Responses.BatchThresholdsResponse(s.modelId(), s.mode(), results));
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

package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import io.liqopt.core.policy.LivePriceGuard;
import io.liqopt.serving.feeds.FeedStatus;
import io.liqopt.serving.feeds.LivePrices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Live prices: the push route of a price source, and the guarded prices with their sources. */
final class PriceRoutes {
  /** The most quotes one push may carry. */
  static final int MAX_QUOTES = 10_000;

  /** The longest source name. */
  static final int MAX_SOURCE_CHARS = 64;

  /**
   * One quote of a pushing source.
   *
   * @param symbol a held asset
   * @param source the source's name (at most 64 characters)
   * @param price quote currency per unit
   * @param timeMs when the source observed it, epoch ms
   */
  public record QuoteIn(String symbol, String source, Double price, Long timeMs) {}

  /** {@code POST /v1/market/prices}. */
  public record PricesRequest(List<QuoteIn> quotes) {}

  /**
   * What became of one quote.
   *
   * @param verdict ACCEPTED, NO_QUORUM, TWAP_BAND, INVALID, FUTURE, OUT_OF_ORDER, DUPLICATE or
   *     UNKNOWN_SYMBOL
   * @param price the asset's guarded price after it (null: none yet)
   * @param stale whether the asset's live price is stale after the push
   */
  public record QuoteResult(
      String symbol, String source, String verdict, Double price, boolean stale) {}

  /** The answer to a push: one result per quote, in order. */
  public record PricesResponse(int accepted, List<QuoteResult> results) {}

  /** One source of an asset. */
  public record SourceOut(
      String name,
      String state,
      Double lastPrice,
      long lastQuoteMs,
      int repeats,
      long accepted,
      long outliers,
      Map<String, Long> refused) {}

  /** One asset's live price. */
  public record AssetPriceOut(
      String symbol,
      Double price,
      Long priceMs,
      boolean stale,
      Double twap,
      String lastRefusal,
      List<SourceOut> sources,
      long barsMade,
      long barsWithoutVolume) {}

  /** {@code GET /v1/market/prices}. */
  public record LivePricesResponse(
      List<AssetPriceOut> assets,
      List<FeedStatus> feeds,
      long unknownSymbolQuotes,
      long barsRefused) {}

  private final Service service;

  PriceRoutes(Service service) {
    this.service = service;
  }

  @OpenApi(
      path = "/v1/market/prices",
      methods = HttpMethod.POST,
      tags = "market",
      summary =
          "Push live quotes of a price source (bearer token); each goes through the asset's price"
              + " guard (median of the healthy sources, band, TWAP band) and gets a verdict",
      headers =
          @OpenApiParam(name = "Authorization", required = true, example = "Bearer <LIQOPT_TOKEN>"),
      security = @OpenApiSecurity(name = "bearer"),
      requestBody =
          @OpenApiRequestBody(
              required = true,
              content = @OpenApiContent(from = PricesRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = PricesResponse.class)),
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
            status = "413",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void push(Context ctx) {
    service.authorize(ctx.header("Authorization"));
    LivePrices live = service.live();
    service.gated(
        Gates.Route.INGEST,
        ctx,
        admission -> {
          PricesRequest r =
              JsonBodies.read(ctx, PricesRequest.class, service.limits().maxBodyBytes());
          List<QuoteIn> quotes = checked(r);
          admission.compute();
          List<LivePrices.Quote> offered = new ArrayList<>(quotes.size());
          for (QuoteIn q : quotes) {
            offered.add(new LivePrices.Quote(q.symbol(), q.source(), q.price(), q.timeMs()));
          }
          List<LivePriceGuard.Outcome> outcomes = live.offerAll(offered);
          List<QuoteResult> results = new ArrayList<>(quotes.size());
          int accepted = 0;
          for (int i = 0; i < quotes.size(); i++) {
            QuoteIn q = quotes.get(i);
            LivePriceGuard.Outcome o = outcomes.get(i);
            String verdict = o == null ? "UNKNOWN_SYMBOL" : o.verdict().name();
            accepted += o != null && o.verdict() == LivePriceGuard.Verdict.ACCEPTED ? 1 : 0;
            results.add(
                new QuoteResult(
                    q.symbol(),
                    q.source(),
                    verdict,
                    o == null ? null : finite(o.price()),
                    live.stale(q.symbol())));
          }
          ApiRoutes.json(ctx, new PricesResponse(accepted, results));
        });
  }

  @OpenApi(
      path = "/v1/market/prices",
      methods = HttpMethod.GET,
      tags = "market",
      summary =
          "The live guarded price of every held asset, its TWAP, its sources' state and counters"
              + " (accepted and refused by reason), the feeds' connections and the bars assembled",
      responses = {
        @OpenApiResponse(
            status = "200",
            content = @OpenApiContent(from = LivePricesResponse.class)),
        @OpenApiResponse(
            status = "404",
            content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))
      })
  void prices(Context ctx) {
    LivePrices live = service.live();
    List<AssetPriceOut> assets = new ArrayList<>();
    for (LivePrices.AssetPrice a : live.prices()) {
      List<SourceOut> sources = new ArrayList<>();
      for (LivePriceGuard.SourceView s : a.sources()) {
        Map<String, Long> refused = new TreeMap<>();
        s.refused().forEach((k, v) -> refused.put(k.name(), v));
        sources.add(
            new SourceOut(
                s.name(),
                s.state(),
                finite(s.lastPrice()),
                s.lastQuoteMs(),
                s.repeats(),
                s.accepted(),
                s.outliers(),
                refused));
      }
      assets.add(
          new AssetPriceOut(
              a.symbol(),
              finite(a.price()),
              a.priceMs() == Long.MIN_VALUE ? null : a.priceMs(),
              a.stale(),
              finite(a.twap()),
              a.lastRefusal(),
              sources,
              a.barsMade(),
              a.barsWithoutVolume()));
    }
    ApiRoutes.json(
        ctx,
        new LivePricesResponse(
            assets, live.feeds(), live.unknownSymbolQuotes(), live.barsRefused()));
  }

  /** The quotes, every field present and bounded (a 400 names the first bad one). */
  private static List<QuoteIn> checked(PricesRequest r) {
    if (r == null || r.quotes() == null || r.quotes().isEmpty()) {
      throw ApiException.invalid("quotes", "at least one quote is needed");
    }
    if (r.quotes().size() > MAX_QUOTES) {
      throw ApiException.tooLarge(r.quotes().size() + " quotes in one push, at most " + MAX_QUOTES);
    }
    for (int i = 0; i < r.quotes().size(); i++) {
      QuoteIn q = r.quotes().get(i);
      String at = "quotes[" + i + "]";
      if (q == null) {
        throw ApiException.invalid(at, "must be an object");
      }
      if (q.symbol() == null || q.symbol().isBlank()) {
        throw ApiException.invalid(at + ".symbol", "is required");
      }
      if (q.source() == null || q.source().isBlank() || q.source().length() > MAX_SOURCE_CHARS) {
        throw ApiException.invalid(
            at + ".source", "is required, at most " + MAX_SOURCE_CHARS + " characters");
      }
      if (q.price() == null) {
        throw ApiException.invalid(at + ".price", "is required");
      }
      if (q.timeMs() == null) {
        throw ApiException.invalid(at + ".timeMs", "is required (epoch ms)");
      }
    }
    return r.quotes();
  }

  private static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }
}

package io.liqopt.serving.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.SquareRootImpact;
import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.simulation.Paths;
import io.liqopt.core.simulation.PortfolioStress;
import io.liqopt.core.simulation.Residuals;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Stress of one cross-margin position ({@code POST /v1/positions/stress}): joint filtered
 * historical simulation of its collateral over a horizon (core.simulation), scaled by each asset's
 * current forecast volatility, and the replay of the held history's own windows.
 *
 * <p>Bounded three ways so that no request can exhaust the server: the path count
 * ({@link Limits#maxStressPaths()}), the path-hour-asset cells ({@link Limits#STRESS_CELLS}),
 * and the number of stresses computed at once (half the processors, at least one; a request
 * waits up to {@link #WAIT_SECONDS} for its turn, then gets a 503). The residuals of a set of
 * assets are computed once per snapshot version and kept in a small LRU.
 */
final class StressRoutes {
  /** The bootstrap block: a day, which keeps a day's volatility clustering. */
  static final int BLOCK_HOURS = 24;
  /** The historical windows start every this many hours. */
  static final int REPLAY_STRIDE_HOURS = 24;
  /** The levels of the min-HF quantiles {@link PortfolioStress} reports. */
  private static final double[] MIN_HF_LEVELS = {0.01, 0.05, 0.5};
  /** How long a request waits for a free computation slot. */
  static final long WAIT_SECONDS = 10;
  private static final int CACHE_SIZE = 8;

  private final Service service;
  private final Semaphore slots = new Semaphore(Math.max(1,
      Runtime.getRuntime().availableProcessors() / 2), true);
  /** Residuals by (snapshot version, sorted symbols), least recently used first. */
  private final Map<String, Residuals> residuals = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Residuals> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  StressRoutes(Service service) {
    this.service = service;
  }

  @OpenApi(path = "/v1/positions/stress", methods = HttpMethod.POST, tags = "positions",
      summary = "Stress one cross-margin position over a horizon: probability of becoming liquidatable, of insolvency, shortfall VaR and ES, min-HF quantiles, and the worst historical window",
      description = "Filtered historical simulation: blocks of 24 consecutive historical hours of the collateral's joint standardised residuals (held history), rescaled by each asset's current forecast hourly volatility (sqrt(variance_24h / 24)); LT from the governed thresholds, slippage from the square-root impact of selling each whole holding. The same seed, request and snapshot give the same answer. Bounded: paths ≤ the server's limit (100 000 by default) and paths × hours × assets ≤ 8 000 000 (400 naming `paths` above either).",
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = Requests.StressRequest.class)),
      responses = {
          @OpenApiResponse(status = "200", content = @OpenApiContent(from = Responses.StressResponse.class)),
          @OpenApiResponse(status = "400", content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
          @OpenApiResponse(status = "404", content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
          @OpenApiResponse(status = "413", content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
          @OpenApiResponse(status = "422", content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE)),
          @OpenApiResponse(status = "503", content = @OpenApiContent(from = Problem.class, mimeType = Problem.MEDIA_TYPE))})
  void stress(Context ctx) {
    ThresholdEngine engine = service.engine();
    Requests.StressRequest r = JsonBodies.read(ctx, Requests.StressRequest.class,
        service.limits().maxBodyBytes());
    ServingState s = engine.state();
    Requests.Stress q = Requests.stress(r, sym -> s.asset(sym).map(AssetView::price)
        .orElse(null), service.limits().maxStressPaths(), Limits.STRESS_CELLS);
    List<CollateralHolding> collateral = q.position().collateral();
    // the inputs of each holding, from the snapshot
    List<String> unavailable = new ArrayList<>();
    List<PortfolioStress.Holding> holdings = new ArrayList<>();
    List<Responses.StressHolding> used = new ArrayList<>();
    Map<String, Double> hourlyVol = new LinkedHashMap<>();
    for (CollateralHolding h : collateral) {
      AssetView v = s.assets().get(h.symbol());
      AssetThresholds t = v.governed();
      AssetForecast f = v.forecast();
      if (t == null || f == null || v.market() == null) {
        unavailable.add(h.symbol() + " (" + (v.unavailable() != null ? v.unavailable()
            : "no forecast") + ")");
        continue;
      }
      double sigma = hourlyVolatility(f);
      if (!(sigma > 0) || !Double.isFinite(sigma)) {
        unavailable.add(h.symbol() + " (its forecast volatility is not positive)");
        continue;
      }
      double value = h.valueQuote();
      double slippage = Math.min(1, SquareRootImpact.of(v.market(), t.dailyVolatility(),
          engine.settings().policy().forSymbol(h.symbol()).impactCoefficient())
          .impactFraction(value));
      holdings.add(new PortfolioStress.Holding(h.symbol(), h.quantity(), h.priceQuote(), t.lt(),
          slippage));
      used.add(new Responses.StressHolding(h.symbol(), h.quantity(), h.priceQuote(), value,
          t.lt(), slippage, sigma));
      hourlyVol.put(h.symbol(), sigma);
    }
    if (!unavailable.isEmpty()) {
      throw ApiException.unavailable("no forecast or thresholds, so no stress, for "
          + String.join(", ", unavailable));
    }
    double weighted = 0;
    for (PortfolioStress.Holding h : holdings) {
      weighted += h.quantity() * h.priceQuote() * h.lt();
    }
    if (!Double.isFinite(weighted / q.position().debtQuote())) {
      throw ApiException.unprocessable("the position's health factor overflows (collateral "
          + "value over debt is not a finite number)");
    }
    acquire();
    try {
      Residuals res = residuals(s, hourlyVol.keySet());
      PortfolioStress.Run run = PortfolioStress.run(holdings, q.position().debtQuote(), res,
          hourlyVol, new PortfolioStress.Design(q.paths(), q.hours(), BLOCK_HOURS, q.seed(),
              REPLAY_STRIDE_HOURS), q.levels());
      PortfolioStress.Result out = run.result();
      Paths historical = run.historical();
      boolean anyWindow = historical.paths() > 0;
      ApiRoutes.json(ctx, new Responses.StressResponse(s.modelId(), s.mode(), s.nowMs(),
          s.version(), q.position().id(), q.position().debtQuote(), q.hours(), out.paths(),
          BLOCK_HOURS, q.seed(), res.size(), historical.paths(), out.healthFactorNow(),
          MIN_HF_LEVELS.clone(), out.minHealthFactorQuantiles(), out.liquidatableProbability(),
          out.insolvencyProbability(), out.levels(), out.shortfallVar(), out.shortfallEs(),
          out.worstHistoricalShortfall(),
          anyWindow ? out.worstHistoricalMinHealthFactor() : null,
          anyWindow ? out.worstHistoricalStartMs() : null,
          anyWindow ? Instant.ofEpochMilli(out.worstHistoricalStartMs()).toString() : null,
          used));
    } finally {
      slots.release();
    }
  }

  /** σ_hour: sqrt(variance_24h / 24), or from the nearest horizon when there is no 24 h one. */
  static double hourlyVolatility(AssetForecast f) {
    var h = f.hasHorizon(24) ? f.horizon(24) : f.horizons().get(0);
    return Math.sqrt(h.variance() / h.horizonHours());
  }

  private void acquire() {
    try {
      if (!slots.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw ApiException.unavailable("the server is busy with other stress requests; retry "
            + "in a few seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while waiting for a stress slot");
    }
  }

  /** The joint residuals of {@code symbols}' held series in snapshot {@code s}, cached. */
  private Residuals residuals(ServingState s, java.util.Set<String> symbols) {
    TreeSet<String> sorted = new TreeSet<>(symbols);
    String key = s.version() + ":" + String.join(",", sorted);
    synchronized (residuals) {
      Residuals hit = residuals.get(key);
      if (hit != null) {
        return hit;
      }
    }
    List<BarSeries> series = new ArrayList<>();
    for (String sym : sorted) {
      series.add(s.assets().get(sym).history().series());
    }
    Residuals computed;
    try {
      computed = Residuals.of(series);
    } catch (IllegalArgumentException e) {
      throw ApiException.unavailable("cannot stress " + String.join(", ", sorted) + ": "
          + e.getMessage());
    }
    synchronized (residuals) {
      residuals.put(key, computed);
    }
    return computed;
  }
}

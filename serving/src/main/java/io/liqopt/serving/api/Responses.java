package io.liqopt.serving.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.Reason;
import io.liqopt.core.position.AssessmentOutcome;
import io.liqopt.core.simulation.PortfolioStress;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.HistoryPoint;
import io.liqopt.serving.state.PositionStress;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.state.ThresholdEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The response bodies. Fractions are fractions (0.8 is 80 %); times are UTC epoch ms. */
public final class Responses {
  private Responses() {}

  /**
   * The thresholds in force for one asset.
   *
   * @param lt the liquidation threshold existing positions are judged by (governed)
   * @param maxLtv the max LTV for new positions
   * @param bonus the liquidation bonus
   * @param closeFactor the largest fraction of debt one partial liquidation may repay
   * @param slippage the expected slippage of a typical liquidation clip
   * @param volatility24h σ_day, the daily volatility the policy used
   * @param stressProbability the forecast probability of the stress event
   * @param quantileThreshold X_α(H_liq), the adverse-move quantile behind LT
   * @param alphaUsed its level (raised when inputs are stale)
   * @param quantileBuffer X_β(H_user), the quantile behind the LTV buffer
   * @param betaUsed its level
   * @param targetLt the calculator's LT before the governor
   * @param targetMaxLtv the calculator's max LTV before the governor
   * @param stale whether an input was too old (the values are then the conservative ones)
   * @param governed whether the governor ran (false for caller-supplied bars)
   * @param modelVersion the model that forecast
   * @param forecastAsOfMs the open time of the last bar the forecast used
   * @param computedAtMs the time the thresholds are for
   * @param reasons how each value was obtained, in order
   */
  public record ThresholdsBody(
      double lt,
      double maxLtv,
      double bonus,
      double closeFactor,
      double slippage,
      double volatility24h,
      double stressProbability,
      double quantileThreshold,
      double alphaUsed,
      double quantileBuffer,
      double betaUsed,
      double targetLt,
      double targetMaxLtv,
      boolean stale,
      boolean governed,
      String modelVersion,
      long forecastAsOfMs,
      long computedAtMs,
      List<Reason> reasons) {

    static ThresholdsBody of(AssetThresholds governed, AssetThresholds target, boolean gov) {
      return new ThresholdsBody(
          governed.lt(),
          governed.ltv(),
          governed.bonus(),
          governed.closeFactor(),
          governed.slippage(),
          governed.dailyVolatility(),
          governed.stressProbability(),
          governed.quantileThreshold(),
          governed.alphaUsed(),
          governed.quantileBuffer(),
          governed.betaUsed(),
          target.lt(),
          target.ltv(),
          governed.stale(),
          gov,
          governed.modelVersion(),
          governed.forecastAsOfEpochMs(),
          governed.computedAtEpochMs(),
          governed.reasons());
    }
  }

  /**
   * One horizon of a forecast.
   *
   * @param hours the horizon
   * @param volatility sqrt of the forecast realised variance over it
   * @param levels the quantile levels
   * @param longAdverseMove quantiles of the long position's maximum adverse excursion
   * @param shortAdverseMove quantiles of the short position's
   */
  public record HorizonBody(
      int hours,
      double volatility,
      double[] levels,
      double[] longAdverseMove,
      double[] shortAdverseMove) {

    static HorizonBody of(HorizonForecast h) {
      QuantileCurve l = h.longAdverseMove();
      return new HorizonBody(
          h.horizonHours(), h.volatility(), l.levels(), l.values(), h.shortAdverseMove().values());
    }
  }

  /** The forecast behind the thresholds. */
  public record ForecastBody(
      long asOfMs,
      String modelVersion,
      double stressLevel,
      int stressHorizonHours,
      double stressProbability,
      List<HorizonBody> horizons) {

    static ForecastBody of(AssetForecast f) {
      List<HorizonBody> hs = new ArrayList<>();
      for (HorizonForecast h : f.horizons()) {
        hs.add(HorizonBody.of(h));
      }
      return new ForecastBody(
          f.asOfEpochMs(),
          f.modelVersion(),
          f.stressLevel(),
          f.stressHorizonHours(),
          f.stressProbability(),
          hs);
    }
  }

  /**
   * {@code GET /v1/assets/{symbol}/thresholds} and each item of {@code POST /v1/thresholds}.
   *
   * @param source {@code held} (the service's data, governed) or {@code caller-bars}
   * @param unavailable why there are no thresholds (then thresholds is absent)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AssetThresholdsResponse(
      String symbol,
      String modelId,
      String mode,
      String clock,
      long nowMs,
      String source,
      long dataTimeMs,
      double price,
      Boolean stale,
      ThresholdsBody thresholds,
      ForecastBody forecast,
      String unavailable) {

    static AssetThresholdsResponse of(ServingState s, AssetView v, boolean held) {
      ThresholdsBody t =
          v.governed() == null ? null : ThresholdsBody.of(v.governed(), v.target(), held);
      return new AssetThresholdsResponse(
          v.symbol(),
          s.modelId(),
          s.mode(),
          s.clock(),
          s.nowMs(),
          held ? "held" : "caller-bars",
          v.dataTimeMs(),
          v.price(),
          t == null ? null : t.stale(),
          t,
          v.forecast() == null ? null : ForecastBody.of(v.forecast()),
          v.unavailable());
    }
  }

  /** One asset in {@code GET /v1/assets}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AssetSummary(
      String symbol,
      double price,
      long dataTimeMs,
      Boolean stale,
      ThresholdsBody thresholds,
      String unavailable) {}

  /** {@code GET /v1/assets}. */
  public record AssetsResponse(
      String modelId, String mode, String clock, long now, List<AssetSummary> assets) {

    static AssetsResponse of(ServingState s) {
      List<AssetSummary> out = new ArrayList<>();
      for (AssetView v : s.assets().values()) {
        ThresholdsBody t =
            v.governed() == null ? null : ThresholdsBody.of(v.governed(), v.target(), true);
        out.add(
            new AssetSummary(
                v.symbol(),
                v.price(),
                v.dataTimeMs(),
                t == null ? null : t.stale(),
                t,
                v.unavailable()));
      }
      return new AssetsResponse(s.modelId(), s.mode(), s.clock(), s.nowMs(), out);
    }
  }

  /** {@code GET /v1/assets/{symbol}/history}. */
  public record HistoryResponse(String symbol, String modelId, List<HistoryPoint> points) {}

  /** {@code POST /v1/thresholds}. */
  public record BatchThresholdsResponse(
      String modelId, String mode, List<AssetThresholdsResponse> results) {}

  /**
   * {@code POST /v1/positions/assess}.
   *
   * @param assessed positions assessed
   * @param failed positions that could not be assessed (their item carries the error)
   * @param results one per position, in order
   */
  public record AssessResponse(
      String modelId,
      String mode,
      long nowMs,
      int assessed,
      int failed,
      List<AssessmentOutcome> results) {}

  /**
   * One position in the compact view ({@code ?view=compact}): what a keeper scanning a large book
   * needs, about a tenth of the full item's size; absent fields are null.
   *
   * @param index the position's index in the batch
   * @param id its id
   * @param healthFactor HF
   * @param liquidatable HF &lt; 1
   * @param distanceToLiquidation the uniform price fall that brings HF to 1
   * @param repayQuote ΔD when liquidatable
   * @param full whether the whole debt is repaid
   * @param badDebtQuote debt left for the backstop
   * @param stale whether stale thresholds judged it
   * @param error why it could not be assessed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CompactOutcome(
      int index,
      String id,
      Double healthFactor,
      Boolean liquidatable,
      Double distanceToLiquidation,
      Double repayQuote,
      Boolean full,
      Double badDebtQuote,
      Boolean stale,
      String error) {

    static CompactOutcome of(AssessmentOutcome o) {
      if (!o.ok()) {
        return new CompactOutcome(
            o.index(), o.positionId(), null, null, null, null, null, null, null, o.error());
      }
      var a = o.assessment();
      var plan = a.liquidation();
      return new CompactOutcome(
          o.index(),
          o.positionId(),
          a.healthFactor(),
          a.liquidatable(),
          a.distanceToLiquidation(),
          plan == null ? null : plan.repayQuote(),
          plan == null ? null : plan.full(),
          plan == null || plan.badDebtQuote() == 0 ? null : plan.badDebtQuote(),
          a.stale() ? Boolean.TRUE : null,
          null);
    }
  }

  /** {@code POST /v1/positions/assess?view=compact}. */
  public record CompactAssessResponse(
      String modelId,
      String mode,
      long nowMs,
      int assessed,
      int failed,
      List<CompactOutcome> results) {}

  /**
   * One holding of a stressed position, with the inputs the stress used for it.
   *
   * @param quantity C_i
   * @param priceQuote P_i (the request's, else the service's last price)
   * @param valueQuote C_i · P_i
   * @param lt the governed liquidation threshold
   * @param slippage the square-root-law impact of selling the whole holding at once, a fraction (at
   *     most 1)
   * @param hourlyVolatility σ_hour the residuals were scaled by: sqrt(variance_24h / 24) of the
   *     asset's forecast
   */
  public record StressHolding(
      String symbol,
      double quantity,
      double priceQuote,
      double valueQuote,
      double lt,
      double slippage,
      double hourlyVolatility) {}

  /**
   * {@code POST /v1/positions/stress}: the position's distribution over the horizon, from simulated
   * paths (filtered historical simulation, block bootstrap of 24 h) and from the held history's own
   * windows.
   *
   * @param stateVersion the snapshot the answer was computed from
   * @param hours H
   * @param paths simulated paths
   * @param blockHours the bootstrap block
   * @param seed the seed used
   * @param historyHours hours of joint residuals the paths were drawn from
   * @param historicalWindows the historical windows replayed (every 24 h, H hours each)
   * @param healthFactorNow HF now, {@code Σ C_i P_i LT_i / D}
   * @param minHealthFactorQuantileLevels the levels of {@code minHealthFactorQuantiles}
   * @param minHealthFactorQuantiles quantiles of the lowest HF over the horizon
   * @param liquidatableProbability P(min HF &lt; 1)
   * @param insolvencyProbability P(shortfall &gt; 0), the shortfall being {@code max(0, D − Σ C_i
   *     P_i e^{m_i}(1 − s_i))} at each asset's lowest low
   * @param levels the VaR/ES levels
   * @param shortfallVar the shortfall's VaR at each level, quote currency
   * @param shortfallEs its expected shortfall at each level (≥ the VaR)
   * @param worstHistoricalShortfall the largest shortfall over the historical windows
   * @param worstHistoricalMinHealthFactor the lowest HF over them; null with no window
   * @param worstHistoricalStartMs the start of the window with that HF; null with no window
   * @param worstHistoricalStart the same, ISO-8601 UTC
   * @param holdings the holdings and the inputs used for each
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StressResponse(
      String modelId,
      String mode,
      long nowMs,
      long stateVersion,
      String positionId,
      double debtQuote,
      int hours,
      int paths,
      int blockHours,
      long seed,
      int historyHours,
      int historicalWindows,
      double healthFactorNow,
      double[] minHealthFactorQuantileLevels,
      double[] minHealthFactorQuantiles,
      double liquidatableProbability,
      double insolvencyProbability,
      double[] levels,
      double[] shortfallVar,
      double[] shortfallEs,
      double worstHistoricalShortfall,
      Double worstHistoricalMinHealthFactor,
      Long worstHistoricalStartMs,
      String worstHistoricalStart,
      List<StressHolding> holdings) {

    /** The answer to stress request {@code q} on snapshot {@code s}. */
    static StressResponse of(
        ServingState s,
        Requests.Stress q,
        PositionStress.Outcome o,
        int blockHours,
        double[] minHealthFactorLevels) {
      PortfolioStress.Result out = o.run().result();
      boolean anyWindow = o.run().historical().paths() > 0;
      List<StressHolding> holdings =
          o.holdings().stream()
              .map(
                  h ->
                      new StressHolding(
                          h.symbol(),
                          h.quantity(),
                          h.priceQuote(),
                          h.valueQuote(),
                          h.lt(),
                          h.slippage(),
                          h.hourlyVolatility()))
              .toList();
      return new StressResponse(
          s.modelId(),
          s.mode(),
          s.nowMs(),
          s.version(),
          q.position().id(),
          q.position().debtQuote(),
          q.hours(),
          out.paths(),
          blockHours,
          q.seed(),
          o.residualHours(),
          o.run().historical().paths(),
          out.healthFactorNow(),
          minHealthFactorLevels.clone(),
          out.minHealthFactorQuantiles().stream().mapToDouble(Double::doubleValue).toArray(),
          out.liquidatableProbability(),
          out.insolvencyProbability(),
          out.levels().stream().mapToDouble(Double::doubleValue).toArray(),
          out.shortfallVar().stream().mapToDouble(Double::doubleValue).toArray(),
          out.shortfallEs().stream().mapToDouble(Double::doubleValue).toArray(),
          out.worstHistoricalShortfall(),
          anyWindow ? out.worstHistoricalMinHealthFactor() : null,
          anyWindow ? out.worstHistoricalStartMs() : null,
          anyWindow ? Instant.ofEpochMilli(out.worstHistoricalStartMs()).toString() : null,
          holdings);
    }
  }

  /** {@code POST /v1/market/bars}: what was stored (durably, before this answer). */
  public record IngestResponse(int bars, List<String> symbols, long stateVersion, String modelId) {}

  /** {@code POST /v1/admin/reload}. */
  public record ReloadResponse(String modelId, ThresholdEngine.ReloadStatus reload) {}

  /** {@code GET /health}. */
  public record HealthResponse(
      String status,
      boolean ready,
      String modelId,
      String mode,
      String clock,
      long nowMs,
      int assets,
      List<String> staleAssets,
      List<String> unavailableAssets,
      ThresholdEngine.ReloadStatus lastReload,
      String governorPersistError,
      long walBytes,
      boolean ingestEnabled,
      long uptimeSeconds) {}

  /** {@code GET /ready}. */
  public record ReadyResponse(boolean ready) {}
}

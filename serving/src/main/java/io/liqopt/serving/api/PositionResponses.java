package io.liqopt.serving.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.liqopt.core.position.AssessmentOutcome;
import io.liqopt.core.simulation.PortfolioStress;
import io.liqopt.serving.state.PositionStress;
import io.liqopt.serving.state.ServingState;
import java.time.Instant;
import java.util.List;

/**
 * The response bodies of the position routes ({@code POST /v1/positions/assess} and {@code
 * /v1/positions/stress}). Fractions are fractions (0.8 is 80 %); times are UTC epoch ms.
 */
public final class PositionResponses {
  private PositionResponses() {}

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
      List<AssessmentOutcome> results) {

    /** The full answer: every outcome of {@code out}, assessed on snapshot {@code s}. */
    static AssessResponse of(ServingState s, List<AssessmentOutcome> out) {
      int failed = failedCount(out);
      return new AssessResponse(s.modelId(), s.mode(), s.nowMs(), out.size() - failed, failed, out);
    }
  }

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
  @JsonSerialize(using = CompactOutcomeWriter.class)
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
      List<Double> minHealthFactorQuantileLevels,
      List<Double> minHealthFactorQuantiles,
      double liquidatableProbability,
      double insolvencyProbability,
      List<Double> levels,
      List<Double> shortfallVar,
      List<Double> shortfallEs,
      double worstHistoricalShortfall,
      Double worstHistoricalMinHealthFactor,
      Long worstHistoricalStartMs,
      String worstHistoricalStart,
      List<StressHolding> holdings) {

    public StressResponse {
      minHealthFactorQuantileLevels = List.copyOf(minHealthFactorQuantileLevels);
      minHealthFactorQuantiles = List.copyOf(minHealthFactorQuantiles);
      levels = List.copyOf(levels);
      shortfallVar = List.copyOf(shortfallVar);
      shortfallEs = List.copyOf(shortfallEs);
      holdings = List.copyOf(holdings);
    }

    /** The answer to stress request {@code q} on snapshot {@code s}. */
    static StressResponse of(ServingState s, PositionRequests.Stress q, PositionStress.Outcome o) {
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
          PositionStress.BLOCK_HOURS,
          q.seed(),
          o.residualHours(),
          o.run().historical().paths(),
          out.healthFactorNow(),
          PositionStress.MIN_HEALTH_FACTOR_LEVELS,
          out.minHealthFactorQuantiles(),
          out.liquidatableProbability(),
          out.insolvencyProbability(),
          out.levels(),
          out.shortfallVar(),
          out.shortfallEs(),
          out.worstHistoricalShortfall(),
          anyWindow ? out.worstHistoricalMinHealthFactor() : null,
          anyWindow ? out.worstHistoricalStartMs() : null,
          anyWindow ? Instant.ofEpochMilli(out.worstHistoricalStartMs()).toString() : null,
          holdings);
    }
  }

  /** The outcomes that could not be assessed. */
  private static int failedCount(List<AssessmentOutcome> out) {
    return (int) out.stream().filter(o -> !o.ok()).count();
  }
}

package io.liqopt.serving.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import io.liqopt.core.forecast.QuantileTracking;
import io.liqopt.core.forecast.QuantileTrackingState;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.Reason;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.BatchView;
import io.liqopt.serving.state.EngineHealth;
import io.liqopt.serving.state.HistoryPoint;
import io.liqopt.serving.state.ReloadStatus;
import io.liqopt.serving.state.ServingState;
import io.liqopt.serving.stream.Webhook;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The response bodies of the thresholds, market and operations routes (the position routes' are
 * {@link PositionResponses}). Fractions are fractions (0.8 is 80 %); times are UTC epoch ms.
 */
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
   * @param trackingScale per level, what the quantile tracking multiplied the model's −ln(1 −
   *     quantile) by (e^s for the offset s: 1 leaves it as the model made it, above 1 widens it);
   *     absent when the quantiles are served untracked
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HorizonBody(
      int hours,
      double volatility,
      List<Double> levels,
      List<Double> longAdverseMove,
      List<Double> shortAdverseMove,
      List<Double> trackingScale) {

    public HorizonBody {
      levels = List.copyOf(levels);
      longAdverseMove = List.copyOf(longAdverseMove);
      shortAdverseMove = List.copyOf(shortAdverseMove);
      trackingScale = trackingScale == null ? null : List.copyOf(trackingScale);
    }

    static HorizonBody of(HorizonForecast h, QuantileTrackingState tracking) {
      QuantileCurve l = h.longAdverseMove();
      QuantileTrackingState.Offsets o =
          tracking == null ? null : tracking.offsetsOf(h.horizonHours());
      List<Double> scale = null;
      if (o != null && Arrays.equals(o.levels(), l.levels())) {
        scale = new ArrayList<>(o.values().length);
        for (double s : o.values()) {
          scale.add(QuantileTracking.scale(s));
        }
      }
      return new HorizonBody(
          h.horizonHours(),
          h.volatility(),
          doubles(l.levels()),
          doubles(l.values()),
          doubles(h.shortAdverseMove().values()),
          scale);
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

    static ForecastBody of(AssetForecast f, QuantileTrackingState tracking) {
      List<HorizonBody> hs = new ArrayList<>();
      for (HorizonForecast h : f.horizons()) {
        hs.add(HorizonBody.of(h, tracking));
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
          v.forecast() == null ? null : ForecastBody.of(v.forecast(), v.tracking()),
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
      String modelId, String mode, List<AssetThresholdsResponse> results) {

    /** The answer on snapshot {@code s}: one item per asset, in the order asked. */
    static BatchThresholdsResponse of(ServingState s, List<BatchView> views) {
      List<AssetThresholdsResponse> results = new ArrayList<>(views.size());
      for (BatchView v : views) {
        results.add(AssetThresholdsResponse.of(s, v.view(), v.held()));
      }
      return new BatchThresholdsResponse(s.modelId(), s.mode(), results);
    }
  }

  /** {@code POST /v1/market/bars}: what was stored (durably, before this answer). */
  public record IngestResponse(int bars, List<String> symbols, long stateVersion, String modelId) {}

  /** {@code POST /v1/admin/reload}. */
  public record ReloadResponse(String modelId, ReloadStatus reload) {}

  /**
   * The optional live features this service runs with, so that a client (the dashboard) knows which
   * routes answer without requesting one that would answer 404.
   *
   * @param livePrices whether {@code /v1/market/prices} is on ({@code serve --live-prices})
   * @param book whether {@code /v1/book} and {@code /v1/liquidations} are on ({@code serve --book})
   * @param webhooks each webhook's deliveries ({@code serve --webhook}; absent when none)
   */
  public record Features(
      boolean livePrices,
      boolean book,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Webhook.Status> webhooks) {
    public Features {
      webhooks = List.copyOf(webhooks);
    }
  }

  /**
   * {@code GET /health}.
   *
   * @param features the optional live features that are on
   */
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
      ReloadStatus lastReload,
      String governorPersistError,
      long walBytes,
      boolean ingestEnabled,
      long uptimeSeconds,
      List<Supervisor.TaskState> tasks,
      Supervisor.WalState wal,
      Features features) {

    public HealthResponse {
      tasks = List.copyOf(tasks);
    }

    /** While the engine loads: no model, no assets yet. */
    static HealthResponse starting(
        boolean ingestEnabled, long uptimeSeconds, Supervisor supervisor, Features features) {
      return new HealthResponse(
          "starting",
          false,
          null,
          null,
          null,
          0,
          0,
          List.of(),
          List.of(),
          null,
          null,
          0,
          ingestEnabled,
          uptimeSeconds,
          supervisor.states(),
          supervisor.wal(),
          features);
    }

    /**
     * The engine's health {@code h}: {@code degraded} when it says so, or when a background task's
     * last run failed or the last WAL append did, else {@code ok}; its texts and the tasks' and
     * WAL's failure messages with the server's paths made relative by {@code paths}.
     */
    static HealthResponse of(
        EngineHealth h,
        boolean ready,
        boolean ingestEnabled,
        long uptimeSeconds,
        PathTexts paths,
        Supervisor supervisor,
        Features features) {
      ServingState s = h.state();
      List<Supervisor.TaskState> tasks = new ArrayList<>();
      boolean failing = false;
      for (Supervisor.TaskState t : supervisor.states()) {
        failing |= t.consecutiveFailures() > 0;
        tasks.add(
            new Supervisor.TaskState(
                t.name(),
                t.lastSuccessMs(),
                t.lastFailureMs(),
                paths.relative(t.lastFailure()),
                t.consecutiveFailures(),
                t.failures()));
      }
      Supervisor.WalState w = supervisor.wal();
      failing |= Boolean.FALSE.equals(w.lastAppendOk());
      Supervisor.WalState wal =
          new Supervisor.WalState(
              w.lastAppendOk(), w.lastAppendMs(), paths.relative(w.lastError()));
      return new HealthResponse(
          h.degraded() || failing ? "degraded" : "ok",
          ready,
          s.modelId(),
          s.mode(),
          s.clock(),
          s.nowMs(),
          s.assets().size(),
          h.staleAssets(),
          h.unavailableAssets(),
          paths.relative(h.lastReload()),
          paths.relative(h.lastPersistError()),
          h.walBytes(),
          ingestEnabled,
          uptimeSeconds,
          tasks,
          wal,
          features);
    }
  }

  /** {@code GET /ready}. */
  public record ReadyResponse(boolean ready) {}

  /** {@code values} as an unmodifiable list (JSON writes it as it wrote the array). */
  static List<Double> doubles(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return Collections.unmodifiableList(out);
  }
}

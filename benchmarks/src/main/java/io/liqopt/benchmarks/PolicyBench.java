package io.liqopt.benchmarks;

import io.liqopt.core.forecast.AssetForecast;
import io.liqopt.core.forecast.HorizonForecast;
import io.liqopt.core.forecast.QuantileCurve;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.ThresholdCalculator;
import io.liqopt.core.position.Assessment;
import io.liqopt.core.position.AssessmentOutcome;
import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.position.Position;
import io.liqopt.core.position.PositionAssessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The threshold policy: parameters of one asset from a forecast, assessment of one position, and of
 * a batch of 10 000 positions (target ≤ 20 ms for the batch). Positions are drawn with a fixed
 * seed: 1 to 3 collateral assets of 5, health factors spread over [0.85, 1.6) so that about 20 %
 * are liquidatable and get a repay, seizure and slice plan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyBench {
  private static final long T0 = 1_704_067_200_000L;
  private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT", "XRPUSDT"};
  private static final double[] PRICES = {40_000, 2_000, 100, 0.1, 0.5};
  private static final double[] VOLUMES = {2e10, 1e10, 2e9, 5e8, 1e9};
  private static final int BATCH = 10_000;
  private static final long SEED = 42;

  private final Instant now = Instant.ofEpochMilli(T0 + 3_600_000L);
  private AssetForecast forecast;
  private MarketSnapshot market;
  private final Map<String, AssetThresholds> thresholds = new HashMap<>();
  private final Map<String, MarketSnapshot> markets = new HashMap<>();
  private PositionAssessor assessor;
  private Position liquidatable;
  private List<Position> batch;

  @Setup
  public void setUp() {
    Random rng = new Random(SEED);
    double[] levels = {0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999};
    for (int s = 0; s < SYMBOLS.length; s++) {
      double sigma = 0.02 + 0.01 * s;
      double[] mae = new double[levels.length];
      for (int i = 0; i < levels.length; i++) {
        mae[i] = sigma * (0.5 + 3 * i / (double) levels.length);
      }
      QuantileCurve c24 = QuantileCurve.of(levels, mae);
      QuantileCurve c1 = QuantileCurve.of(levels, scaled(mae, 0.2));
      AssetForecast f =
          new AssetForecast(
              SYMBOLS[s],
              T0,
              "bench",
              List.of(
                  new HorizonForecast(1, sigma * sigma / 24, c1, c1),
                  new HorizonForecast(24, sigma * sigma, c24, c24)),
              0.1,
              24,
              0.05);
      MarketSnapshot m = MarketSnapshot.of(SYMBOLS[s], PRICES[s], VOLUMES[s], T0);
      markets.put(SYMBOLS[s], m);
      thresholds.put(
          SYMBOLS[s], ThresholdCalculator.DEFAULT.compute(f, m, AssetRiskConfig.DEFAULTS, now));
      if (s == 1) {
        forecast = f;
        market = m;
      }
    }
    assessor = PositionAssessor.of(ResolvedPolicy.defaultPolicy());
    batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(randomPosition("p" + i, rng, 0.85 + 0.75 * rng.nextDouble()));
    }
    liquidatable = randomPosition("one", rng, 0.97);
  }

  private Position randomPosition(String id, Random rng, double healthFactor) {
    int n = 1 + rng.nextInt(3);
    int first = rng.nextInt(SYMBOLS.length);
    List<CollateralHolding> holdings = new ArrayList<>(n);
    double weighted = 0;
    for (int k = 0; k < n; k++) {
      int s = (first + k) % SYMBOLS.length;
      double value = 5_000 + 500_000 * rng.nextDouble();
      holdings.add(new CollateralHolding(SYMBOLS[s], value / PRICES[s], PRICES[s]));
      weighted += value * thresholds.get(SYMBOLS[s]).lt();
    }
    return new Position(id, holdings, "USDT", weighted / healthFactor);
  }

  private static double[] scaled(double[] x, double f) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] *= f;
    }
    return y;
  }

  /** Parameters (LT, LTV, bonus, reasons) of one asset from its forecast. */
  @Benchmark
  public AssetThresholds thresholdsOneAsset() {
    return ThresholdCalculator.DEFAULT.compute(forecast, market, AssetRiskConfig.DEFAULTS, now);
  }

  /** Assessment of one liquidatable three-or-fewer-asset position (repay, seizures, slices). */
  @Benchmark
  public Assessment assessOnePosition() {
    return assessor.assess(liquidatable, thresholds, markets);
  }

  /** Assessment of 10 000 positions (about 20 % liquidatable); result per item. */
  @Benchmark
  public List<AssessmentOutcome> assessBatch10k() {
    return assessor.assessAll(batch, thresholds, markets);
  }
}

package io.liqopt.core.simulation;

import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.simulation.ThresholdCalibrator.Calibration;
import io.liqopt.core.simulation.ThresholdCalibrator.Liquidation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code simulate lt} for one asset: LT* at each insolvency tolerance ε by filtered historical
 * simulation ({@link ThresholdCalibrator} on {@link PathEngine} paths of the asset's own residuals
 * before the cut-off, rescaled by its forecast hourly volatility), beside the analytic LT of the
 * same paths, the policy's LT at α = 1 − ε and P(insolvency) of a static LT.
 */
public final class LtCalibration {
  /** The static LT whose P(insolvency) is reported beside LT*. */
  public static final double STATIC_LT = 0.80;

  private LtCalibration() {}

  /**
   * How the calibration runs.
   *
   * @param epsilons the tolerances ε, sorted ascending here
   * @param paths paths of the first pass
   * @param maxPaths paths are doubled up to this until the Wilson half-width is tight
   * @param relTol the Wilson half-width's tolerance relative to ε
   * @param latencyHours hours before the liquidator acts
   * @param exitHours hours the sale takes; null: the policy's liquidation horizon less the latency
   * @param blockHours the bootstrap block length
   * @param seed the path draws' seed
   */
  public record Design(
      List<Double> epsilons,
      int paths,
      int maxPaths,
      double relTol,
      int latencyHours,
      Integer exitHours,
      int blockHours,
      long seed)
      implements java.io.Serializable {
    public Design {
      epsilons = epsilons.stream().sorted().toList();
    }
  }

  /** One calibration with the policy's figures at the same ε. */
  public record Row(
      double epsilon,
      double lt,
      double probability,
      double wilsonLow,
      double wilsonHigh,
      int paths,
      double analyticLt,
      double adverseMoveQuantile,
      double slippage,
      double policyLt,
      double policyAdverseMove)
      implements java.io.Serializable {}

  /** One asset's result (as metrics.json gives it). */
  public record AssetResult(
      String symbol,
      String asOfClose,
      double price,
      double sigma24h,
      double hourlyVolatility,
      double bonus,
      double impactScale,
      double positionValueQuote,
      int latencyHours,
      int exitHours,
      String model,
      double policyLt,
      double policyAlpha,
      double staticLt,
      double staticProbability,
      int staticPaths,
      List<Row> rows,
      double seconds)
      implements java.io.Serializable {
    public AssetResult {
      rows = List.copyOf(rows);
    }
  }

  /**
   * An asset's result with what its charts are drawn from: the insolvency curve of the largest path
   * set and the first pass's price fan. Serialisable: a calibration may run elsewhere.
   */
  public static final class AssetRun implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final AssetResult result;
    private final double[] sortedMinLogLow;
    private final Liquidation liquidation;
    private final PriceFan fan;

    private AssetRun(
        AssetResult result, double[] sortedMinLogLow, Liquidation liquidation, PriceFan fan) {
      this.result = result;
      this.sortedMinLogLow = sortedMinLogLow;
      this.liquidation = liquidation;
      this.fan = fan;
    }

    public AssetResult result() {
      return result;
    }

    /** P(insolvency) at {@code lt} on the largest path set. */
    public double insolvencyProbability(double lt) {
      return ThresholdCalibrator.insolvencyProbability(sortedMinLogLow, liquidation, lt);
    }

    /** The paths of the largest set (those of {@link #insolvencyProbability}). */
    public int largestPaths() {
      return sortedMinLogLow.length;
    }

    /** The first pass's price fan. */
    public PriceFan fan() {
      return fan;
    }
  }

  /**
   * Calibrates one prepared asset.
   *
   * @param cutoffMs the residuals end before this
   * @param modelVersion the fitted forecaster's version
   * @param step called after each tolerance
   */
  public static AssetRun calibrate(
      SimulationInputs.Asset a, long cutoffMs, String modelVersion, Design d, Runnable step) {
    long t0 = System.nanoTime();
    int latency = d.latencyHours();
    int exit =
        d.exitHours() != null
            ? d.exitHours()
            : Math.max(1, a.config().quantiles().liquidationHorizonHours() - latency);
    int window = latency + exit;
    Residuals res = Residuals.of(List.of(a.series())).before(cutoffMs);
    double[] vol = {a.hourlyVolatility()};
    Liquidation liq =
        new Liquidation(
            latency,
            exit,
            a.thresholds().bonus(),
            a.impact().scale(),
            a.config().bonus().typicalClipQuote());
    PathCache cache =
        new PathCache(n -> PathEngine.simulate(res, vol, n, window, d.blockHours(), d.seed()));
    List<Row> rows = new ArrayList<>();
    // largest ε first: the smaller ones reuse its paths before doubling
    for (int i = d.epsilons().size() - 1; i >= 0; i--) {
      rows.add(0, row(a, cache, liq, d, d.epsilons().get(i)));
      step.run();
    }
    double[] m = ThresholdCalibrator.sortedMinLogLow(cache.largest(), 0, window);
    double staticP = ThresholdCalibrator.insolvencyProbability(m, liq, STATIC_LT);
    AssetResult r =
        new AssetResult(
            a.symbol(),
            SimulationInputs.time(a.closeMs()),
            a.market().priceQuote(),
            a.sigmaDay(),
            a.hourlyVolatility(),
            liq.bonus(),
            liq.impactScale(),
            liq.positionValueQuote(),
            latency,
            exit,
            modelVersion,
            a.thresholds().lt(),
            a.thresholds().alphaUsed(),
            STATIC_LT,
            staticP,
            m.length,
            rows,
            (System.nanoTime() - t0) / 1e9);
    return new AssetRun(r, m, liq, PriceFan.of(cache.get(d.paths()), 0));
  }

  /** LT* at {@code epsilon} and the policy's LT at α = 1 − ε. */
  private static Row row(
      SimulationInputs.Asset a, PathCache cache, Liquidation liq, Design d, double epsilon) {
    Calibration c =
        ThresholdCalibrator.calibrate(cache, 0, liq, epsilon, d.paths(), d.maxPaths(), d.relTol());
    AssetThresholds pol = SimulationInputs.policyAt(a, 1 - epsilon);
    return new Row(
        epsilon,
        c.lt(),
        c.probability(),
        c.wilsonLow(),
        c.wilsonHigh(),
        c.paths(),
        c.analyticLt(),
        c.adverseMoveQuantile(),
        liq.slippage(c.lt()),
        pol == null ? Double.NaN : pol.lt(),
        pol == null ? Double.NaN : pol.quantileThreshold());
  }
}

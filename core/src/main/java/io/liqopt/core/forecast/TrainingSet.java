package io.liqopt.core.forecast;

import io.liqopt.core.target.HorizonTargets;
import io.liqopt.core.target.TargetCalculator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a forecaster learns from: the histories of one or more assets up to a cut-off, and the
 * targets computed on those histories alone. A target whose window reaches past the cut-off is
 * undefined ({@link TargetCalculator} needs all H following bars), so no label can carry
 * information from after the cut-off into training.
 *
 * @param assets one entry per asset
 * @param spec what to forecast
 * @param seed the seed of every random choice a trainer makes
 */
public record TrainingSet(List<Asset> assets, ForecastSpec spec, long seed) {

  public TrainingSet {
    assets = List.copyOf(assets);
    Objects.requireNonNull(spec, "spec");
  }

  /** One asset's history and its targets per horizon (targets computed on this history only). */
  public record Asset(AssetHistory history, Map<Integer, HorizonTargets> targets) {
    public Asset {
      Objects.requireNonNull(history, "history");
      targets = Map.copyOf(targets);
    }

    public String symbol() {
      return history.symbol();
    }

    /** The targets of {@code horizonHours}. */
    public HorizonTargets targets(int horizonHours) {
      HorizonTargets t = targets.get(horizonHours);
      if (t == null) {
        throw new IllegalArgumentException("no " + horizonHours + " h targets for " + symbol());
      }
      return t;
    }
  }

  /**
   * The training set of the bars opening before {@code cutoffExclusiveMs} of each history, with
   * targets computed on those bars only. Bars of any interval that divides every horizon.
   *
   * @throws IllegalArgumentException when a horizon is not a whole number of an asset's bars
   */
  public static TrainingSet before(
      List<AssetHistory> histories, long cutoffExclusiveMs, ForecastSpec spec, long seed) {
    List<Asset> assets = new ArrayList<>();
    for (AssetHistory h : histories) {
      AssetHistory past = h.before(cutoffExclusiveMs);
      if (past.size() == 0) {
        continue;
      }
      Map<Integer, HorizonTargets> targets = new LinkedHashMap<>();
      for (int horizon : spec.horizonsHours()) {
        targets.put(horizon, TargetCalculator.DEFAULT.compute(past.series(), horizon));
      }
      assets.add(new Asset(past, targets));
    }
    return new TrainingSet(assets, spec, seed);
  }

  /** The open time of this set's last bar over all assets; {@link Long#MIN_VALUE} when empty. */
  public long endMs() {
    long end = Long.MIN_VALUE;
    for (Asset a : assets) {
      end = Math.max(end, a.history().series().lastOpenTimeMs());
    }
    return end;
  }

  /**
   * {@link #endMs()} of {@link #before before(histories, cutoffExclusiveMs, …)}, without computing
   * its targets: what a walk-forward plans its fits by.
   */
  public static long endBefore(List<AssetHistory> histories, long cutoffExclusiveMs) {
    long end = Long.MIN_VALUE;
    for (AssetHistory h : histories) {
      int n = h.series().indexAtOrAfter(cutoffExclusiveMs);
      if (n > 0) {
        end = Math.max(end, h.series().openTimeMs(n - 1));
      }
    }
    return end;
  }

  /** The entry of {@code symbol}, if this set has one. */
  public java.util.Optional<Asset> asset(String symbol) {
    return assets.stream().filter(a -> a.symbol().equals(symbol)).findFirst();
  }
}

package io.liqopt.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The computing form of a {@link PolicyConfig}: one validated {@link AssetRiskConfig} per
 * configured symbol, and the resolved defaults for every other symbol. Immutable, thread-safe.
 *
 * @param defaults the configuration of any symbol without an override
 * @param assets the configurations of the overridden symbols
 */
public record ResolvedPolicy(AssetRiskConfig defaults, Map<String, AssetRiskConfig> assets)
    implements java.io.Serializable {

  public ResolvedPolicy {
    Objects.requireNonNull(defaults, "defaults");
    assets = Map.copyOf(assets);
  }

  /** The built-in defaults for every symbol. */
  public static ResolvedPolicy defaultPolicy() {
    return new ResolvedPolicy(AssetRiskConfig.DEFAULTS, Map.of());
  }

  /** The configuration of {@code symbol}: its override, or the defaults. */
  public AssetRiskConfig forSymbol(String symbol) {
    AssetRiskConfig c = assets.get(symbol);
    return c != null ? c : defaults;
  }

  /**
   * Every forecast horizon the policy reads (the liquidation and user horizons of the defaults and
   * of each override), plus 1 h and 24 h, in increasing order: what a forecaster must cover.
   */
  public List<Integer> horizonsHours() {
    TreeSet<Integer> h = new TreeSet<>(List.of(1, 24));
    h.add(defaults.quantiles().liquidationHorizonHours());
    h.add(defaults.quantiles().userHorizonHours());
    for (AssetRiskConfig c : assets.values()) {
      h.add(c.quantiles().liquidationHorizonHours());
      h.add(c.quantiles().userHorizonHours());
    }
    return List.copyOf(h);
  }
}

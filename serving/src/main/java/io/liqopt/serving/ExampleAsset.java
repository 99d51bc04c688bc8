package io.liqopt.serving;

import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.ServingState;

/**
 * The asset that example requests against a running server use ({@code liqopt serve} prints them):
 * the first asset with thresholds in force, else the market factor, and a debt of 70 % of one
 * unit's price (1000 when the asset has no price), so that an example assessment is a healthy
 * position.
 *
 * @param symbol the asset
 * @param debtQuote the example debt, in quote currency
 */
public record ExampleAsset(String symbol, double debtQuote) {

  /** The example debt as a fraction of the collateral's value. */
  private static final double DEBT_FRACTION = 0.7;

  /** The example debt when the asset has no price. */
  private static final double DEFAULT_DEBT_QUOTE = 1000.0;

  /** The example asset of {@code server}'s current snapshot. */
  public static ExampleAsset of(Server server) {
    ServingState state = server.engine().state();
    String symbol =
        state.assets().values().stream()
            .filter(v -> v.governed() != null)
            .map(AssetView::symbol)
            .findFirst()
            .orElse(server.engine().factorSymbol());
    double debt =
        state.asset(symbol).map(v -> v.price() * DEBT_FRACTION).orElse(DEFAULT_DEBT_QUOTE);
    return new ExampleAsset(symbol, debt);
  }
}

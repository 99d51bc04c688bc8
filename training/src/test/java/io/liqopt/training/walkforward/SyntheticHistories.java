package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.store.synthetic.SyntheticMarketConfig;
import io.liqopt.store.synthetic.SyntheticMarketGenerator;
import java.util.ArrayList;
import java.util.List;

/** Seeded synthetic markets as the walk-forward tests take them: the first asset is the factor. */
final class SyntheticHistories {
  private SyntheticHistories() {}

  /** {@code symbols} assets over {@code years} from {@code seed}, each with the first as factor. */
  static List<AssetHistory> of(int symbols, double years, long seed) {
    List<BarSeries> market =
        SyntheticMarketGenerator.DEFAULT.generate(
            SyntheticMarketConfig.defaults(symbols, years, seed));
    List<AssetHistory> histories = new ArrayList<>();
    for (BarSeries s : market) {
      histories.add(AssetHistory.of(s, market.get(0)));
    }
    return histories;
  }
}

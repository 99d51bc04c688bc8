package io.liqopt.report.page;

import io.liqopt.core.simulation.LtCalibration.AssetResult;
import java.util.List;

/**
 * The {@code simulate lt} page: the method, one table row per asset and ε, the skipped assets and
 * the charts.
 *
 * @param title the page's title
 * @param model the fitted forecaster's version
 * @param assets every calibrated asset
 * @param skipped a line per asset that could not be simulated
 * @param charts the insolvency curves and price fans
 */
public record SimulateLtPage(
    String title, String model, List<AssetResult> assets, List<String> skipped, List<Chart> charts)
    implements ReportPage {

  public SimulateLtPage {
    assets = List.copyOf(assets);
    skipped = List.copyOf(skipped);
    charts = List.copyOf(charts);
  }

  @Override
  public String template() {
    return "simulateLt.jte";
  }

  /** {@code 12.34 %} of a fraction, or {@code n/a} when it is not finite. */
  public static String percentOrNa(double x) {
    return Double.isFinite(x) ? Fmt.f("%.2f%%", 100 * x) : "n/a";
  }
}

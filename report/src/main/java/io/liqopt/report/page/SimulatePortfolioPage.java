package io.liqopt.report.page;

import io.liqopt.core.simulation.PortfolioSimulation.HoldingRow;
import java.util.List;

/**
 * The {@code simulate portfolio} page: the holdings, the debt, the stress summary and the
 * health-factor fan.
 *
 * @param title the page's title
 * @param holdings the holdings as stressed
 * @param debtQuote the debt
 * @param summary the stress summary, a line each (as the command prints it)
 * @param fan the health-factor fan
 */
public record SimulatePortfolioPage(
    String title, List<HoldingRow> holdings, double debtQuote, List<String> summary, Chart fan)
    implements ReportPage {

  public SimulatePortfolioPage {
    holdings = List.copyOf(holdings);
    summary = List.copyOf(summary);
  }

  @Override
  public String template() {
    return "simulatePortfolio.jte";
  }
}

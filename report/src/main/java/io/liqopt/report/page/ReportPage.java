package io.liqopt.report.page;

/**
 * The typed view model of one report's {@code index.html}: the page's title and the template (under
 * {@code report/src/main/jte}) that renders it inside the shared layout. Implementations are
 * records of already computed figures; templates only format and lay them out.
 */
public interface ReportPage {
  /** The title of the page (also its {@code <h1>}). */
  String title();

  /** The template's name, e.g. {@code backtest.jte}. */
  String template();
}

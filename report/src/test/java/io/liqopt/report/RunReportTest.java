package io.liqopt.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liqopt.core.simulation.PortfolioSimulation;
import io.liqopt.report.page.BacktestPage;
import io.liqopt.report.page.Chart;
import io.liqopt.report.page.SimulatePortfolioPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
  @TempDir Path dir;

  private static BacktestPage page(String text) {
    BacktestPage.PolicyRow row =
        new BacktestPage.PolicyRow(text, 0.5, 1e-4, 3, 0.01, 0.2, 0.001, 0.05, 2, 0.01, 10, 20);
    return new BacktestPage(
        "Backtest of " + text,
        List.of("finding: " + text),
        new Chart("frontier.png", "frontier"),
        List.of(new Chart("search.png", "search " + text)),
        List.of(row),
        List.of(row),
        List.of(row),
        List.of(new BacktestPage.AssetTable(text, List.of(row))),
        List.of(new BacktestPage.EpisodeRow(text, "ewma", 1, 2, 3)),
        new BacktestPage.Intervals(
            text,
            text,
            0.95,
            1000,
            List.of(
                new BacktestPage.IntervalRow(
                    text,
                    new BacktestPage.Range(1e-4, 5e-5, 2e-4),
                    new BacktestPage.Range(0.5, 0.49, 0.51),
                    new BacktestPage.Range(3, 2, 4),
                    new BacktestPage.Range(1e-3, 9e-4, 1.1e-3),
                    new BacktestPage.Range(0.4, 0.1, Double.POSITIVE_INFINITY),
                    new BacktestPage.Range(-1e-6, -2e-6, 1e-7),
                    0.9,
                    BacktestPage.Range.NONE,
                    new BacktestPage.Range(-1e-4, -2e-4, 0),
                    990)),
            text,
            List.of(
                new BacktestPage.FamilyTable(
                    text,
                    List.of(text),
                    List.of(
                        new BacktestPage.FamilyRow(
                            0.5,
                            new BacktestPage.Range(0.4, 0.1, Double.POSITIVE_INFINITY),
                            new BacktestPage.Range(0.02, -0.01, 0.05),
                            new BacktestPage.Range(3, 2, 4),
                            BacktestPage.Range.NONE,
                            1000,
                            640))))),
        List.of(new Chart("lt-X.png", "LT " + text)),
        List.of(new BacktestPage.PolicyNote("ewma", "adaptive", text)),
        1_000_000,
        2.5,
        4e5);
  }

  @Test
  void writePage_scriptAndAmpersand_escapedEverywhere() throws IOException {
    RunReport report = RunReport.create(dir, "backtest", Instant.parse("2026-01-02T03:04:05Z"));
    String evil = "<script>alert(1)</script> & \"co\"";
    String html = Files.readString(report.writePage(page(evil)));
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; "), html);
    assertTrue(html.contains("<title>Backtest of &lt;script&gt;"), html);
    assertTrue(html.contains("<h3>Family &lt;script&gt;"), html);
    // in an attribute: '<' and the quote escaped, so the value cannot close the attribute or tag
    String alt = "alt=\"LT &lt;script>alert(1)&lt;/script> &amp; &#34;co&#34;\"";
    assertTrue(html.contains(alt), html);
  }

  @Test
  void writePage_portfolioSummary_oneLinePerLineInPre() throws IOException {
    RunReport report = RunReport.create(dir, "simulate-portfolio", Instant.EPOCH);
    PortfolioSimulation.HoldingRow h =
        new PortfolioSimulation.HoldingRow("BTC", 1, 100, 100, 0.8, 0.001, 0.03, "2022-01-01");
    String html =
        Files.readString(
            report.writePage(
                new SimulatePortfolioPage(
                    "Stress", List.of(h), 50, List.of("a < b", "c"), new Chart("f.png", "HF"))));
    assertTrue(html.contains("<pre>a &lt; b\nc\n</pre>"), html);
    assertTrue(html.contains("<td>BTC</td><td>1.000000</td><td>100.0000</td>"), html);
    assertTrue(html.contains("<p>Debt 50.00.</p>"), html);
  }

  @Test
  void writePage_layout_headerTablesAndFooter() throws IOException {
    RunReport report = RunReport.create(dir, "backtest", Instant.parse("2026-01-02T03:04:05Z"));
    String html = Files.readString(report.writePage(page("BTCUSDT")));
    assertTrue(html.startsWith("<!doctype html>\n<html lang=\"en\"><head>"), html);
    assertTrue(html.contains("<h1>Backtest of BTCUSDT</h1>"), html);
    assertTrue(html.contains("<td>BTCUSDT</td><td>50.0 %</td><td>0.0100 %</td><td>3</td>"), html);
    assertTrue(html.contains("<p><img src=\"frontier.png\" alt=\"frontier\"></p>"), html);
    assertTrue(html.contains("Simulated 1,000,000 position-hours in 2.5 s (0.40 M/s"), html);
    assertTrue(html.contains("<p><small>run 20260102-030405</small></p></body></html>"), html);
  }
}

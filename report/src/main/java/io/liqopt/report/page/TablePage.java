package io.liqopt.report.page;

import java.util.List;

/**
 * A page of paragraphs, one table and charts, for reports whose figures are already formatted (e.g.
 * {@code optimize --simulated-histories}).
 *
 * @param title the page's title
 * @param lead the paragraphs before the table
 * @param header the table's column heads
 * @param rows the table's rows, each as many cells as {@code header}
 * @param notes the paragraphs after the table
 * @param charts the charts, after the notes
 */
public record TablePage(
    String title,
    List<String> lead,
    List<String> header,
    List<List<String>> rows,
    List<String> notes,
    List<Chart> charts)
    implements ReportPage {

  public TablePage {
    lead = List.copyOf(lead);
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> r : rows) {
      if (r.size() != header.size()) {
        throw new IllegalArgumentException(
            "a row has " + r.size() + " cells for " + header.size() + " columns");
      }
    }
    notes = List.copyOf(notes);
    charts = List.copyOf(charts);
  }

  @Override
  public String template() {
    return "table.jte";
  }
}

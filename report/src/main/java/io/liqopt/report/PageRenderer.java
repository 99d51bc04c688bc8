package io.liqopt.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.liqopt.report.page.ReportPage;
import java.util.Map;

/**
 * Renders report pages with the jte templates of {@code src/main/jte}, precompiled to Java at build
 * time (jte-maven-plugin, package {@value #TEMPLATES}): nothing is compiled at run time, and in
 * {@link ContentType#Html} every {@code ${...}} is escaped for where it stands. Thread-safe.
 */
final class PageRenderer {
  /** The package of the generated template classes (report/pom.xml). */
  static final String TEMPLATES = "io.liqopt.report.html.generated";

  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(null, ContentType.Html, null, TEMPLATES);

  private PageRenderer() {}

  /** The whole page: layout, {@code page}'s own template, {@code runId} in the footer. */
  static String render(ReportPage page, String runId) {
    StringOutput out = new StringOutput();
    ENGINE.render(page.template(), Map.of("page", page, "runId", runId), out);
    return out.toString();
  }
}

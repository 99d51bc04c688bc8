/**
 * The view models of the reports' HTML pages: one record per page, built by the module that writes
 * the report, rendered by the jte templates of {@code report/src/main/jte} through {@link
 * io.liqopt.report.RunReport#writePage}.
 */
package io.liqopt.report.page;

/**
 * Run reports: {@code reports/<command>/<run-id>/} with metrics.json, index.html and PNG charts.
 * Charts are described library-neutrally ({@link io.liqopt.report.ChartSpec}, {@link
 * io.liqopt.report.ChartSeries}) and drawn with XChart inside this package only. Pages are typed
 * view models ({@link io.liqopt.report.page}) rendered by the jte templates of {@code src/main/jte}
 * (a shared layout, one template per report), precompiled to Java at build time and HTML-escaped by
 * default ({@link io.liqopt.report.RunReport#writePage}).
 */
package io.liqopt.report;

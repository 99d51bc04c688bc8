/**
 * Run reports: {@code reports/<command>/<run-id>/} with metrics.json, index.html and PNG charts.
 * Charts are described library-neutrally ({@link io.liqopt.report.ChartSpec}, {@link
 * io.liqopt.report.ChartSeries}) and drawn with XChart inside this package only.
 */
package io.liqopt.report;

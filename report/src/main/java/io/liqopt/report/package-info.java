/** Run reports: {@code reports/<command>/<run-id>/} with metrics.json and index.html. */
package io.liqopt.report;

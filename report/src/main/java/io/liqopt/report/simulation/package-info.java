/**
 * The reports of {@code simulate lt} and {@code simulate portfolio}: their charts (insolvency
 * curves, price and health-factor fans), metrics.json and pages, from the results of {@link
 * io.liqopt.core.simulation}.
 */
package io.liqopt.report.simulation;

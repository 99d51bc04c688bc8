/**
 * The Javalin service: loads the newest verified model bundle, keeps recent bars per asset and
 * serves thresholds and position assessments. Depends on {@code core} only; the only module that
 * imports Javalin. Empty until the API issue lands.
 */
package io.liqopt.serving;

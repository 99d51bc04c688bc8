/**
 * Offline jobs: datasets built from the Parquet store, classical baselines and ML models,
 * walk-forward evaluation and model bundles. Depends on {@code core} only.
 * Empty until the forecasting issues land.
 */
package io.liqopt.training;

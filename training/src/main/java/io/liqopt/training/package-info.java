/**
 * Offline jobs: datasets built from the Parquet store, classical baselines and ML models,
 * walk-forward evaluation and model bundles. Depends on {@code core} only. {@code metrics}:
 * forecast scores and tests; {@code walkforward}: the evaluation runner and report.
 */
package io.liqopt.training;

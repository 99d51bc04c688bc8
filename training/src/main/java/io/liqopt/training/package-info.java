/**
 * Offline jobs: datasets built from the Parquet store, classical baselines and ML models,
 * walk-forward evaluation and model bundles. On {@code core}, {@code store}, {@code ml} and {@code
 * report}. Entry points the command line calls: {@link io.liqopt.training.TrainingRun} (train, with
 * its optional walk-forward) and {@link io.liqopt.training.ThresholdsJob} (thresholds now); {@code
 * metrics}: forecast scores and tests; {@code walkforward}: the evaluation runner and report;
 * {@code ml}: the ML fits and bundles.
 */
package io.liqopt.training;

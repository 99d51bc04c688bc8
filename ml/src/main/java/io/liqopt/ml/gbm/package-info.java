/**
 * Gradient-boosted trees for the ML forecasters (DESIGN.md "Forecasts"): a squared-error {@link
 * io.liqopt.ml.gbm.GbmRegressor} (log-RV target) and a binary {@link
 * io.liqopt.ml.gbm.GbmClassifier} (stress probability), both Tribuo 4.3.2 XGBoost trainers behind a
 * {@code double[]}-row API, seeded, saved in Tribuo's protobuf format (DESIGN.md "Model bundles");
 * hyper-parameters chosen on an inner validation block ({@link io.liqopt.ml.gbm.Selection}); and a
 * monotone {@link io.liqopt.ml.gbm.ProbabilityCalibration} fitted on a validation block only.
 *
 * <p>Input rows are {@code double[]} in the column order of {@code featureNames}; every value must
 * be finite. Only the ml module imports {@code org.tribuo}.
 */
package io.liqopt.ml.gbm;

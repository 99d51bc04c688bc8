package io.liqopt.training.walkforward;

import io.liqopt.core.forecast.Fold;
import java.util.List;
import java.util.Map;

/**
 * Everything a walk-forward run produced: the folds, per asset the out-of-sample forecasts, and per
 * fold and model what fitting cost or why it failed.
 *
 * @param config the design
 * @param models the model names, in the order given
 * @param folds the folds
 * @param assets per asset, the forecasts and realised targets
 * @param fits one entry per (fold, model)
 */
public record EvaluationData(
    WalkForwardConfig config,
    List<String> models,
    List<Fold> folds,
    List<AssetEvaluation> assets,
    List<FitRecord> fits) {

  /**
   * How fitting one model on one fold went.
   *
   * @param fold the fold index
   * @param model the forecaster name
   * @param modelVersion the fitted model's version, or null if the fit failed
   * @param fitMillis wall time of the fit
   * @param trainRows bars in the training data over all assets
   * @param error why the fit failed, or null
   * @param notFitted assets in the training data the fitted model left out (too little data, or the
   *     estimator failed on them); their rows are scored for no model in this fold
   * @param forecastErrors test rows where the model refused to forecast although it covers the
   *     asset and its inputs were defined
   * @param firstForecastError the message of the first of those, or null
   * @param choices what the fit chose among its own candidates ({@link
   *     io.liqopt.core.forecast.Forecaster#choices()}); left out of JSON when empty
   */
  public record FitRecord(
      int fold,
      String model,
      String modelVersion,
      long fitMillis,
      long trainRows,
      String error,
      List<String> notFitted,
      int forecastErrors,
      String firstForecastError,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
          Map<String, String> choices)
      implements java.io.Serializable {
    public FitRecord {
      choices = choices == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(choices));
    }
  }
}

package io.liqopt.report.page;

import java.util.List;

/**
 * The evaluation page: the run, how to read the scores, fit problems, the score tables pooled and
 * per asset, and the charts.
 *
 * @param title the page's title
 * @param dataDescription what data the run used
 * @param run the walk-forward design and run time
 * @param referenceModel the model the Diebold–Mariano tests compare against
 * @param fitProblems failed fits, assets left out and refused forecasts (empty: no section)
 * @param pooled one table per horizon, all assets pooled
 * @param intervals one table of bootstrap intervals per horizon
 * @param reliability the stress reliability chart, or null when no model has reliability bins
 * @param perAsset each asset's tables and charts
 */
public record EvaluationPage(
    String title,
    String dataDescription,
    RunLine run,
    String referenceModel,
    List<FitProblem> fitProblems,
    List<HorizonTable> pooled,
    List<IntervalTable> intervals,
    Chart reliability,
    List<AssetSection> perAsset)
    implements ReportPage {

  public EvaluationPage {
    fitProblems = List.copyOf(fitProblems);
    pooled = List.copyOf(pooled);
    intervals = List.copyOf(intervals);
    perAsset = List.copyOf(perAsset);
  }

  @Override
  public String template() {
    return "evaluation.jte";
  }

  /** The walk-forward design and how long the run took. */
  public record RunLine(
      int folds,
      int minTrainDays,
      int testBlockDays,
      int embargoHours,
      long seed,
      double runtimeSeconds,
      double featureRowsPerSecond) {}

  /**
   * A fit with a problem.
   *
   * @param fold 1-based
   * @param error the fit's error, or empty
   * @param leftOut the assets left out of the fit, comma-separated
   * @param firstRefusal the first refused forecast's reason, or null
   */
  public record FitProblem(
      int fold,
      String model,
      String error,
      String leftOut,
      int refusedForecasts,
      String firstRefusal) {}

  /** One asset's tables (one per horizon) and charts. */
  public record AssetSection(String symbol, List<HorizonTable> tables, List<Chart> charts) {
    public AssetSection {
      tables = List.copyOf(tables);
      charts = List.copyOf(charts);
    }
  }

  /**
   * Bootstrap intervals of one horizon, as text.
   *
   * @param note the best baseline and the resampling, in a sentence
   * @param columns the column labels
   * @param rows one row per asset (pooled first) and model, one cell per column
   */
  public record IntervalTable(
      int horizonHours, String note, List<String> columns, List<List<String>> rows) {
    public IntervalTable {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** The scores of every model at one horizon. */
  public record HorizonTable(int horizonHours, ScoreTable table) {}

  /**
   * A score table: a note on the rows scored, then one row per model.
   *
   * @param rows rows scored
   * @param varianceRowsExcluded of those, rows left out of the variance scores (realised variance
   *     below the QLIKE floor: flat hours)
   * @param withoutForecast rows left out because a model had no forecast, per model (n &gt; 0)
   * @param stressBaseRate the stress events' base rate, or null without stress scores
   * @param columns the column labels after "model"
   * @param models one row per model
   */
  public record ScoreTable(
      int rows,
      int varianceRowsExcluded,
      List<Unscored> withoutForecast,
      Double stressBaseRate,
      List<String> columns,
      List<ModelRow> models) {
    public ScoreTable {
      withoutForecast = List.copyOf(withoutForecast);
      columns = List.copyOf(columns);
      models = List.copyOf(models);
    }
  }

  /** Rows without a forecast of {@code model}. */
  public record Unscored(String model, int rows) {}

  /** A model's formatted scores, one per column. */
  public record ModelRow(String model, List<Score> scores) {
    public ModelRow {
      scores = List.copyOf(scores);
    }
  }

  /** A formatted score and its mark. */
  public record Score(String text, Mark mark) {}

  /** How a score is marked. */
  public enum Mark {
    /** Not marked. */
    NONE(null),
    /** The best of its column. */
    BEST("best"),
    /** A p-value rejecting correct coverage. */
    BAD("bad");

    private final String cssClass;

    Mark(String cssClass) {
      this.cssClass = cssClass;
    }

    /** The CSS class of the cell, or null. */
    public String cssClass() {
      return cssClass;
    }
  }
}

package io.liqopt.training.walkforward;

import io.liqopt.report.page.EvaluationPage.Mark;
import io.liqopt.report.page.EvaluationPage.ModelRow;
import io.liqopt.report.page.EvaluationPage.Score;
import io.liqopt.report.page.EvaluationPage.ScoreTable;
import io.liqopt.report.page.EvaluationPage.Unscored;
import io.liqopt.training.metrics.CoverageTest;
import io.liqopt.training.walkforward.EvaluationSummary.Cell;
import io.liqopt.training.walkforward.EvaluationSummary.ModelScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One cell's scores as the evaluation page shows them: which columns (the variance scores, the
 * pinball loss at each level with the coverage tests beside it at 0.95 and 0.99, the stress scores
 * when any model has them, the Diebold–Mariano tests), each value formatted, the best of a column
 * marked, p-values that reject correct coverage flagged (on the raw p-value) and Holm-adjusted
 * p-values in parentheses.
 */
final class EvaluationTable {
  /** p-values under this are flagged. */
  static final double HIGHLIGHT_P = 0.05;

  private EvaluationTable() {}

  /** Which way a column is better; NONE: not compared. */
  enum Better {
    LOW,
    HIGH,
    NONE
  }

  /**
   * A column: its label, the value of a model (null: none), its format ("p": p-value) and, for a
   * p-value, its Holm-adjusted value shown beside it in parentheses (null: none).
   */
  record Column(
      String label,
      Function<ModelScores, Double> value,
      Better better,
      String format,
      Function<ModelScores, Double> holm) {
    Column(String label, Function<ModelScores, Double> value, Better better, String format) {
      this(label, value, better, format, m -> null);
    }
  }

  /** The table of {@code cell}, with the coverage columns of {@code levels}. */
  static ScoreTable of(Cell cell, double[] levels) {
    List<Column> cols = columns(cell, levels);
    List<Unscored> unscored = new ArrayList<>();
    for (Map.Entry<String, Integer> e : cell.rowsWithoutForecast().entrySet()) {
      if (e.getValue() > 0) {
        unscored.add(new Unscored(e.getKey(), e.getValue()));
      }
    }
    boolean stress = cell.models().stream().anyMatch(m -> m.stress() != null);
    Double baseRate = stress ? cell.models().get(0).stress().baseRate() : null;
    List<ModelRow> rows = new ArrayList<>();
    for (ModelScores m : cell.models()) {
      List<Score> scores = new ArrayList<>();
      for (Column col : cols) {
        scores.add(score(cell, col, col.value().apply(m), col.holm().apply(m)));
      }
      rows.add(new ModelRow(m.model(), scores));
    }
    return new ScoreTable(
        cell.rows(),
        cell.varianceRowsExcluded(),
        unscored,
        baseRate,
        cols.stream().map(Column::label).toList(),
        rows);
  }

  /** The columns of {@code cell}'s table, in order. */
  static List<Column> columns(Cell cell, double[] levels) {
    List<Column> cols = new ArrayList<>();
    cols.add(
        new Column(
            "QLIKE", m -> m.variance() == null ? null : m.variance().qlike(), Better.LOW, "%.4f"));
    cols.add(
        new Column(
            "MSE", m -> m.variance() == null ? null : m.variance().mse(), Better.LOW, "%.3e"));
    cols.add(
        new Column(
            "MZ R²",
            m -> m.mincerZarnowitz() == null ? null : m.mincerZarnowitz().rSquared(),
            Better.HIGH,
            "%.3f"));
    for (double level : levels) {
      String k = EvaluationSummary.key(level);
      cols.add(new Column("pinball " + k, m -> m.pinball().get(k), Better.LOW, "%.3e"));
      if (level == 0.95 || level == 0.99) {
        coverageColumns(cols, k);
      }
    }
    if (cell.models().stream().anyMatch(m -> m.stress() != null)) {
      stressColumns(cols);
    }
    comparisonColumns(cols, cell);
    return cols;
  }

  /**
   * The coverage tests at level {@code k}: on one phase (every H-th hour) the exceedance rate and
   * the Kupiec and Christoffersen p-values; on every hour the hit rate and the p-values of the HAC
   * hit-rate test, DQ by phase, and DQ's asymptotic and HAC forms (labelled invalid under overlap);
   * each p-value with its Holm-adjusted value where there is one.
   */
  private static void coverageColumns(List<Column> cols, String k) {
    String phase = " " + k + " (1 phase)";
    cols.add(new Column("exceed" + phase, m -> cov(m, k, CoverageTest::rate), Better.NONE, "%.4f"));
    cols.add(
        new Column(
            "Kupiec p" + phase,
            m -> cov(m, k, CoverageTest::pPof),
            Better.NONE,
            "p",
            m -> holm(m, k, HolmPValues::kupiec)));
    cols.add(
        new Column(
            "CC p" + phase,
            m -> cov(m, k, CoverageTest::pCc),
            Better.NONE,
            "p",
            m -> holm(m, k, HolmPValues::conditionalCoverage)));
    cols.add(
        new Column(
            "hit rate " + k + " (every hour)",
            m -> all(m, k, a -> a.hitRate() == null ? null : a.hitRate().rate()),
            Better.NONE,
            "%.4f"));
    cols.add(
        new Column(
            "HAC p " + k,
            m -> all(m, k, a -> a.hitRate() == null ? null : a.hitRate().pValue()),
            Better.NONE,
            "p",
            m -> holm(m, k, HolmPValues::hitRate)));
    cols.add(
        new Column(
            "DQ by phase p " + k,
            m ->
                all(
                    m,
                    k,
                    a ->
                        a.dynamicQuantileByPhase() == null
                            ? null
                            : a.dynamicQuantileByPhase().pValue()),
            Better.NONE,
            "p",
            m -> holm(m, k, HolmPValues::dynamicQuantileByPhase)));
    // the asymptotic forms stay visible, labelled: under overlap they over-reject a correct
    // forecast
    cols.add(
        new Column(
            "DQ χ² p " + k + " (invalid H > 1)",
            m -> all(m, k, a -> a.dynamicQuantile() == null ? null : a.dynamicQuantile().pValue()),
            Better.NONE,
            "p",
            m -> holm(m, k, HolmPValues::dynamicQuantile)));
    cols.add(
        new Column(
            "DQ HAC p " + k + " (invalid H > 1)",
            m ->
                all(
                    m,
                    k,
                    a -> a.dynamicQuantile() == null ? null : a.dynamicQuantile().hacPValue()),
            Better.NONE,
            "p",
            m -> holm(m, k, HolmPValues::dynamicQuantileHac)));
  }

  /** AUC, Brier score and Brier skill score of the stress probability. */
  private static void stressColumns(List<Column> cols) {
    cols.add(
        new Column("AUC", m -> m.stress() == null ? null : m.stress().auc(), Better.HIGH, "%.3f"));
    cols.add(
        new Column(
            "Brier", m -> m.stress() == null ? null : m.stress().brier(), Better.LOW, "%.5f"));
    cols.add(
        new Column(
            "BSS",
            m -> m.stress() == null ? null : m.stress().brierSkillScore(),
            Better.HIGH,
            "%.3f"));
  }

  /** The Diebold–Mariano tests: against the reference, the variance benchmarks, pinball.99. */
  private static void comparisonColumns(List<Column> cols, Cell cell) {
    cols.add(
        new Column(
            "DM p",
            m -> m.qlikeVsReference() == null ? null : m.qlikeVsReference().pValue(),
            Better.NONE,
            "p"));
    cols.add(
        new Column(
            "DM stat",
            m -> m.qlikeVsReference() == null ? null : m.qlikeVsReference().statistic(),
            Better.NONE,
            "%.2f"));
    for (String b : EvaluationSummary.VARIANCE_BENCHMARKS) {
      if (cell.models().stream().anyMatch(m -> m.model().equals(b))) {
        cols.add(
            new Column(
                "DM vs " + b,
                m ->
                    m.qlikeVsBaselines().get(b) == null
                        ? null
                        : m.qlikeVsBaselines().get(b).statistic(),
                Better.NONE,
                "%.2f"));
      }
    }
    cols.add(
        new Column(
            "DM pinball.99",
            m -> m.pinball99VsReference() == null ? null : m.pinball99VsReference().statistic(),
            Better.NONE,
            "%.2f"));
  }

  private static Score score(Cell cell, Column col, Double v, Double holm) {
    Mark mark = Mark.NONE;
    if (v != null && col.better() != Better.NONE && isBest(cell, col, v)) {
      mark = Mark.BEST;
    } else if (v != null && "p".equals(col.format()) && v < HIGHLIGHT_P) {
      mark = Mark.BAD;
    }
    String text = format(v, col.format());
    if (v != null && holm != null) {
      text += " (" + format(holm, col.format()) + ")";
    }
    return new Score(text, mark);
  }

  private static Double cov(ModelScores m, String key, Function<CoverageTest, Double> f) {
    CoverageTest t = m.coverage().get(key);
    return t == null ? null : f.apply(t);
  }

  private static Double all(ModelScores m, String key, Function<AllHoursCoverage, Double> f) {
    AllHoursCoverage a = m.allHoursCoverage().get(key);
    return a == null ? null : f.apply(a);
  }

  private static Double holm(ModelScores m, String key, Function<HolmPValues, Double> f) {
    HolmPValues h = m.holm().get(key);
    return h == null ? null : f.apply(h);
  }

  private static boolean isBest(Cell cell, Column col, double v) {
    for (ModelScores other : cell.models()) {
      Double o = col.value().apply(other);
      if (o != null && (col.better() == Better.LOW ? o < v : o > v)) {
        return false;
      }
    }
    return cell.models().size() > 1;
  }

  /** A value as the page shows it: "–" for none; p-values at 4 decimals or in e-notation. */
  static String format(Double v, String format) {
    if (v == null) {
      return "–";
    }
    if ("p".equals(format)) {
      return v < 1e-4
          ? String.format(Locale.ROOT, "%.1e", v)
          : String.format(Locale.ROOT, "%.4f", v);
    }
    return String.format(Locale.ROOT, format, v);
  }
}

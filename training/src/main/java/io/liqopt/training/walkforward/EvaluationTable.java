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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One cell's scores as the evaluation page shows them: which columns (the variance scores, the
 * pinball loss and coverage at each level, the stress scores when any model has them, the
 * Diebold–Mariano tests), each value formatted, the best of a column marked and p-values that
 * reject correct coverage flagged.
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

  /** A column: its label, the value of a model (null: none), and its format ("p": p-value). */
  record Column(String label, Function<ModelScores, Double> value, Better better, String format) {}

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
        scores.add(score(cell, col, col.value().apply(m)));
      }
      rows.add(new ModelRow(m.model(), scores));
    }
    return new ScoreTable(
        cell.rows(), unscored, baseRate, cols.stream().map(Column::label).toList(), rows);
  }

  /** The columns of {@code cell}'s table, in order. */
  static List<Column> columns(Cell cell, double[] levels) {
    List<Column> cols = new ArrayList<>();
    cols.add(new Column("QLIKE", m -> m.variance().qlike(), Better.LOW, "%.4f"));
    cols.add(new Column("MSE", m -> m.variance().mse(), Better.LOW, "%.3e"));
    cols.add(
        new Column(
            "RV floored", m -> (double) m.variance().realisedFloored(), Better.NONE, "%.0f"));
    cols.add(
        new Column(
            "MZ R²",
            m -> m.mincerZarnowitz() == null ? null : m.mincerZarnowitz().rSquared(),
            Better.HIGH,
            "%.3f"));
    for (double level : levels) {
      String k = EvaluationSummary.key(level);
      cols.add(new Column("pinball " + k, m -> m.pinball().get(k), Better.LOW, "%.3e"));
    }
    for (double level : new double[] {0.95, 0.99}) {
      if (Arrays.stream(levels).anyMatch(l -> l == level)) {
        coverageColumns(cols, EvaluationSummary.key(level));
      }
    }
    if (cell.models().stream().anyMatch(m -> m.stress() != null)) {
      stressColumns(cols);
    }
    comparisonColumns(cols, cell);
    return cols;
  }

  /** The exceedance rate and the Kupiec and Christoffersen p-values at level {@code k}. */
  private static void coverageColumns(List<Column> cols, String k) {
    cols.add(new Column("exceed " + k, m -> cov(m, k, CoverageTest::rate), Better.NONE, "%.4f"));
    cols.add(new Column("Kupiec p " + k, m -> cov(m, k, CoverageTest::pPof), Better.NONE, "p"));
    cols.add(new Column("CC p " + k, m -> cov(m, k, t -> t.pCc()), Better.NONE, "p"));
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

  private static Score score(Cell cell, Column col, Double v) {
    Mark mark = Mark.NONE;
    if (v != null && col.better() != Better.NONE && isBest(cell, col, v)) {
      mark = Mark.BEST;
    } else if (v != null && "p".equals(col.format()) && v < HIGHLIGHT_P) {
      mark = Mark.BAD;
    }
    return new Score(format(v, col.format()), mark);
  }

  private static Double cov(ModelScores m, String key, Function<CoverageTest, Double> f) {
    CoverageTest t = m.coverage().get(key);
    return t == null ? null : f.apply(t);
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

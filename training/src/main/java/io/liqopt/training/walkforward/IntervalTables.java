package io.liqopt.training.walkforward;

import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import io.liqopt.report.page.EvaluationPage.IntervalTable;
import io.liqopt.training.walkforward.ScoreIntervals.CellIntervals;
import io.liqopt.training.walkforward.ScoreIntervals.HorizonIntervals;
import io.liqopt.training.walkforward.ScoreIntervals.ModelIntervals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation page's and console's view of the {@link ScoreIntervals}: text, one row a model.
 */
public final class IntervalTables {
  private IntervalTables() {}

  /** The column labels of {@link #row}. */
  static final List<String> COLUMNS =
      List.of(
          "asset",
          "model",
          "QLIKE / ref − 1",
          "QLIKE / best baseline − 1",
          "AUC",
          "AUC − ref",
          "Brier",
          "BSS");

  /** One table per horizon; empty without intervals. */
  static List<IntervalTable> of(ScoreIntervals.Result r) {
    List<IntervalTable> out = new ArrayList<>();
    if (r == null) {
      return out;
    }
    for (HorizonIntervals h : r.horizons()) {
      List<List<String>> rows = new ArrayList<>();
      for (CellIntervals c : h.cells()) {
        for (ModelIntervals m : c.models()) {
          rows.add(row(c.symbol(), m));
        }
      }
      out.add(new IntervalTable(h.horizonHours(), note(r, h), COLUMNS, rows));
    }
    return out;
  }

  /** The best baseline and the resampling of horizon {@code h}, in a sentence. */
  public static String note(ScoreIntervals.Result r, HorizonIntervals h) {
    return String.format(
        Locale.ROOT,
        "Best baseline (lowest pooled QLIKE among non-ML models, chosen ex post): %s. Estimate"
            + " [%.0f %% interval]: %s over %d days, %d resamples, seed %d.",
        h.bestBaseline() == null ? "none" : h.bestBaseline(),
        r.level() * 100,
        r.method(),
        h.days(),
        r.resamples(),
        r.seed());
  }

  private static List<String> row(String symbol, ModelIntervals m) {
    return List.of(
        symbol,
        m.model(),
        text(m.qlikeRatioVsReference(), "%+.3f"),
        text(m.qlikeRatioVsBestBaseline(), "%+.3f"),
        text(m.auc(), "%.3f"),
        text(m.aucDifferenceVsReference(), "%+.3f"),
        text(m.brier(), "%.4f"),
        text(m.brierSkillScore(), "%+.3f"));
  }

  /** "estimate [lower, upper]" in {@code format}, or "-" for none. */
  public static String text(Interval i, String format) {
    if (i == null) {
      return "-";
    }
    return String.format(
        Locale.ROOT,
        format + " [" + format + ", " + format + "]",
        i.estimate(),
        i.lower(),
        i.upper());
  }
}

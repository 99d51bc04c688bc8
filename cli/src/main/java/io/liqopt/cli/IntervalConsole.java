package io.liqopt.cli;

import io.liqopt.training.walkforward.EvaluationSummary;
import io.liqopt.training.walkforward.IntervalTables;
import io.liqopt.training.walkforward.ScoreIntervals;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The pooled bootstrap intervals as {@code evaluate} prints them: per horizon and model, the QLIKE
 * ratio against the reference and (ML models) against the best baseline, the stress AUC and its
 * difference from the reference's.
 */
final class IntervalConsole {
  private IntervalConsole() {}

  static void print(PrintWriter out, EvaluationSummary.Summary summary) {
    ScoreIntervals.Result r = summary.intervals();
    if (r == null) {
      return;
    }
    for (ScoreIntervals.HorizonIntervals h : r.horizons()) {
      ScoreIntervals.CellIntervals pooled = h.cells().get(0);
      out.printf(
          Locale.ROOT,
          "%n%d h, all assets pooled, %.0f %% intervals (day blocks of %d, %d resamples, seed %d);"
              + " reference %s, best baseline %s:%n",
          h.horizonHours(),
          r.level() * 100,
          r.blockDays(),
          r.resamples(),
          r.seed(),
          summary.referenceModel(),
          h.bestBaseline() == null ? "none" : h.bestBaseline());
      out.printf(
          "  %-8s %-28s %-28s %-24s %-24s%n",
          "model", "QLIKE/ref - 1", "QLIKE/best - 1", "AUC", "AUC - ref");
      for (ScoreIntervals.ModelIntervals m : pooled.models()) {
        out.printf(
            "  %-8s %-28s %-28s %-24s %-24s%n",
            m.model(),
            IntervalTables.text(m.qlikeRatioVsReference(), "%+.4f"),
            IntervalTables.text(m.qlikeRatioVsBestBaseline(), "%+.4f"),
            IntervalTables.text(m.auc(), "%.3f"),
            IntervalTables.text(m.aucDifferenceVsReference(), "%+.3f"));
      }
    }
    for (EvaluationSummary.Cell c : summary.pooled()) {
      out.printf(
          "%d h: %d of %d pooled rows with realised variance below the floor left out of QLIKE%n",
          c.horizonHours(), c.varianceRowsExcluded(), c.rows());
    }
    out.flush();
  }
}

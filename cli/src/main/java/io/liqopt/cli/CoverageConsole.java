package io.liqopt.cli;

import io.liqopt.training.metrics.CoverageTest;
import io.liqopt.training.walkforward.AllHoursCoverage;
import io.liqopt.training.walkforward.EvaluationSummary;
import io.liqopt.training.walkforward.HolmPValues;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The per-asset coverage tests of the 0.99 adverse-move quantile as {@code evaluate} prints them:
 * per horizon, asset and model, the hit rate over every hour, the HAC t test, DQ by phase (valid
 * under overlap), the asymptotic DQ and its HAC form (marked *: not valid under overlap for H &gt;
 * 1), and Kupiec on one phase, each p-value with its Holm adjustment across assets in parentheses.
 */
final class CoverageConsole {
  private static final String LEVEL = "0.99";

  private CoverageConsole() {}

  static void print(PrintWriter out, EvaluationSummary.Summary summary) {
    Integer horizon = null;
    for (EvaluationSummary.Cell cell : summary.perAsset()) {
      if (horizon == null || horizon != cell.horizonHours()) {
        horizon = cell.horizonHours();
        out.printf(
            "%n%d h, %s quantile per asset: every hour (HAC lag %d h; DQ by phase: %d phases, hit"
                + " lags %d-%d h; DQ*: hit lags %d-%d h, *not valid under overlap) and Kupiec on"
                + " one hour in %d; Holm across assets in parentheses:%n",
            horizon,
            LEVEL,
            2 * horizon,
            horizon,
            horizon,
            4 * horizon,
            horizon,
            horizon + 3,
            horizon);
        out.printf(
            "  %-10s %-8s %8s %7s %18s %18s %18s %18s %18s%n",
            "asset",
            "model",
            "hit rate",
            "HAC t",
            "HAC p",
            "DQ phase p",
            "DQ* p",
            "DQ* HAC p",
            "Kupiec p 1 phase");
      }
      for (EvaluationSummary.ModelScores m : cell.models()) {
        AllHoursCoverage a = m.allHoursCoverage().get(LEVEL);
        HolmPValues holm = m.holm().get(LEVEL);
        CoverageTest kupiec = m.coverage().get(LEVEL);
        boolean hr = a != null && a.hitRate() != null;
        boolean dq = a != null && a.dynamicQuantile() != null;
        boolean phase = a != null && a.dynamicQuantileByPhase() != null;
        out.printf(
            Locale.ROOT,
            "  %-10s %-8s %8s %7s %18s %18s %18s %18s %18s%n",
            cell.symbol(),
            m.model(),
            hr ? String.format(Locale.ROOT, "%.4f", a.hitRate().rate()) : "-",
            hr && a.hitRate().statistic() != null
                ? String.format(Locale.ROOT, "%.2f", a.hitRate().statistic())
                : "-",
            p(hr ? a.hitRate().pValue() : null, holm == null ? null : holm.hitRate()),
            p(
                phase ? a.dynamicQuantileByPhase().pValue() : null,
                holm == null ? null : holm.dynamicQuantileByPhase()),
            p(
                dq ? a.dynamicQuantile().pValue() : null,
                holm == null ? null : holm.dynamicQuantile()),
            p(
                dq ? a.dynamicQuantile().hacPValue() : null,
                holm == null ? null : holm.dynamicQuantileHac()),
            p(kupiec == null ? null : kupiec.pPof(), holm == null ? null : holm.kupiec()));
      }
    }
    out.flush();
  }

  /** "p (Holm)" with 3 significant digits, "-" when undefined. */
  private static String p(Double raw, Double holm) {
    if (raw == null) {
      return "-";
    }
    String s = String.format(Locale.ROOT, "%.3g", raw);
    return holm == null ? s : s + " (" + String.format(Locale.ROOT, "%.3g", holm) + ")";
  }
}

package io.liqopt.backtest;

import io.liqopt.backtest.PolicyOptimizer.Candidate;
import io.liqopt.backtest.PolicyOptimizer.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code liqopt optimize} writes to metrics.json. */
public final class OptimizeMetrics {
  private OptimizeMetrics() {}

  /**
   * A candidate's figures over the whole simulated span (in-sample for every decision after it).
   */
  public record CandidateRow(String name, Candidate candidate, DayFigures.Totals whole) {}

  /** A decision as written to metrics.json. */
  public record DecisionRow(
      String from,
      String to,
      String chosen,
      int feasible,
      DayFigures.Totals chosenBefore,
      DayFigures.Totals budgetBefore) {}

  /**
   * What metrics.json holds.
   *
   * @param forecasts the recipe of the walk-forward forecasts (forecaster, spec, walk-forward,
   *     seed)
   * @param budgetPolicy the policy whose bad debt per borrowed is the risk budget
   * @param evaluations candidates simulated over the whole span
   * @param timing what the sweep cost: per frontier point, against a static simulation
   * @param recommended the candidate chosen on all the data: policy.json
   * @param ceilings policy.json's per-asset LT ceilings
   * @param evaluation the out-of-sample evaluation, as a backtest's metrics.json
   * @param episodes the optimised policy in each stress episode against the static frontier at its
   *     whole-span LTV ({@link EpisodeFrontier})
   */
  public record Metrics(
      String forecasts,
      String budgetPolicy,
      PolicyOptimizer.Space space,
      int minHistoryDays,
      int periodDays,
      int evaluations,
      Timing timing,
      List<CandidateRow> candidates,
      DayFigures.Totals budgetWhole,
      List<DecisionRow> decisions,
      String recommended,
      Map<String, Double> ceilings,
      BacktestReport.Summary evaluation,
      List<EpisodeFrontier.Row> episodes) {}

  /**
   * What the sweep cost, measured in the run.
   *
   * @param seconds the whole sweep (every candidate, the budget policy)
   * @param schedulePerCandidate mean time to turn the cached forecasts into one candidate's
   *     thresholds (every asset, every hour)
   * @param simulationPerCandidate mean time to simulate one candidate (every asset and seed)
   * @param staticSimulation the same-run baseline: the simulation of the budget policy, a static
   *     rule, on the same windows and seeds, timed after the candidates (warm)
   */
  public record Timing(
      double seconds,
      double schedulePerCandidate,
      double simulationPerCandidate,
      double staticSimulation) {

    /** One frontier point: thresholds from cached forecasts, then the simulation. */
    public double perCandidate() {
      return schedulePerCandidate + simulationPerCandidate;
    }
  }

  /** The metrics of a run. */
  static Metrics of(
      String forecasts,
      OptimizeJob.Options o,
      String budgetPolicy,
      List<Candidate> grid,
      OptimizeSweep.Sweep sw,
      List<Decision> decisions,
      Candidate recommended,
      Map<String, Double> ceilings,
      BacktestReport.Summary summary) {
    long firstDay = sw.firstDay();
    long endDay = firstDay + sw.days();
    List<CandidateRow> rows = new ArrayList<>();
    for (int i = 0; i < grid.size(); i++) {
      rows.add(
          new CandidateRow(
              grid.get(i).name(), grid.get(i), sw.figures().get(i).between(firstDay, endDay)));
    }
    List<DecisionRow> decisionRows = new ArrayList<>();
    for (Decision d : decisions) {
      decisionRows.add(
          new DecisionRow(
              Instant.ofEpochMilli(d.fromMs()).toString(),
              Instant.ofEpochMilli(d.toMs()).toString(),
              grid.get(d.chosen()).name(),
              d.feasible(),
              d.chosenBefore(),
              d.budgetBefore()));
    }
    return new Metrics(
        forecasts,
        budgetPolicy,
        o.space(),
        o.minHistoryDays(),
        o.periodDays(),
        grid.size(),
        sw.timing(),
        rows,
        sw.budget().between(firstDay, endDay),
        decisionRows,
        recommended.name(),
        ceilings,
        summary,
        EpisodeFrontier.of(summary, "optimised"));
  }
}

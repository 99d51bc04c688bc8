package io.liqopt.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.liqopt.backtest.PolicyOptimizer.Candidate;
import io.liqopt.backtest.PolicyOptimizer.Decision;
import io.liqopt.core.AtomicFiles;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.report.RunReport;
import io.liqopt.report.page.Chart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * {@code liqopt optimize}: evaluates every candidate of the capped adaptive family over the whole
 * simulated span once (forecasts made once, {@link WalkForwardForecasts}), chooses walk-forward (at
 * each decision, on the days before it only, {@link PolicyOptimizer#choose}), simulates the policy
 * those choices make against the static families and presets on the hours after the first decision
 * (the out-of-sample evaluation, with the backtest's intervals), and writes the policy chosen on
 * all the data as a {@code policy.json} that {@code serve --config} loads.
 */
public final class OptimizeJob {
  private static final long DAY_MS = 86_400_000L;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private OptimizeJob() {}

  /**
   * What to optimise.
   *
   * @param backtest the simulation, walk-forward, incentive, seeds and reports folder (its policy
   *     list is not read)
   * @param space the candidates
   * @param minHistoryDays simulated days before the first decision
   * @param periodDays days between decisions
   * @param maxEvaluations the most candidates evaluated: a larger grid is refused
   * @param budget the policy whose bad debt per borrowed is the risk budget: {@code aave-v3-style},
   *     {@code morpho-style-86} or a static rule {@code static-<LT %>} under the run's incentive
   *     rule (e.g. {@code static-80})
   */
  public record Options(
      BacktestJob.Options backtest,
      PolicyOptimizer.Space space,
      int minHistoryDays,
      int periodDays,
      int maxEvaluations,
      String budget) {

    /** The default budget: the Aave v3 WETH-like preset. */
    public static final String DEFAULT_BUDGET = "aave-v3-style";

    /** With the default budget. */
    public Options(
        BacktestJob.Options backtest,
        PolicyOptimizer.Space space,
        int minHistoryDays,
        int periodDays,
        int maxEvaluations) {
      this(backtest, space, minHistoryDays, periodDays, maxEvaluations, DEFAULT_BUDGET);
    }

    public Options {
      if (!budget.matches("aave-v3-style|morpho-style-86|static-(5[5-9]|[6-9][0-9])")) {
        throw new IllegalArgumentException(
            "budget must be aave-v3-style, morpho-style-86 or static-<LT %> with LT 55..99, was "
                + budget);
      }
      if (minHistoryDays < 30 || periodDays < 7 || maxEvaluations < 1) {
        throw new IllegalArgumentException(
            "need minHistoryDays >= 30, periodDays >= 7, maxEvaluations >= 1");
      }
      for (Candidate c : space.grid()) {
        c.apply(backtest.risk().defaults()); // refuses a bad α, weight or rate by name
      }
      if (space.grid().size() > maxEvaluations) {
        throw new IllegalArgumentException(
            "the search space has "
                + space.grid().size()
                + " candidates, over the evaluation budget of "
                + maxEvaluations);
      }
    }
  }

  /** Receives progress. */
  public interface Listener {
    /** A listener that shows nothing. */
    Listener SILENT =
        new Listener() {
          @Override
          public void note(String line) {}

          @Override
          public void evaluated(int done, int total) {}
        };

    /** A line worth showing (decisions, notes). */
    void note(String line);

    /** {@code done} of {@code total} candidates evaluated. */
    void evaluated(int done, int total);
  }

  /** The outcome. */
  public record Result(OptimizeMetrics.Metrics metrics, Path index, Path policyFile) {}

  /** Runs everything; {@code forecasts} are the walk-forward forecasts of the data. */
  public static Result run(
      Options o,
      List<AssetHistory> histories,
      WalkForwardForecasts forecasts,
      Listener listener,
      IntConsumer simulated,
      Instant now)
      throws IOException {
    return run(
        OptimizeSweep.Prepared.of(o, histories, forecasts),
        null,
        Backtest.HERE,
        listener,
        simulated,
        now);
  }

  /**
   * As above, prepared, the sweep's candidates evaluated by {@code candidates} (null: here, one
   * after the other), the out-of-sample evaluation's simulations run by {@code simulations}.
   */
  public static Result run(
      OptimizeSweep.Prepared prepared,
      OptimizeSweep.Runner candidates,
      Backtest.Simulations simulations,
      Listener listener,
      IntConsumer simulated,
      Instant now)
      throws IOException {
    Options o = prepared.options;
    List<AssetHistory> histories = prepared.histories;
    WalkForwardForecasts forecasts = prepared.forecasts;
    BacktestJob.Options b = o.backtest();
    List<Candidate> grid = o.space().grid();
    ResolvedPolicy thresholds = prepared.thresholds;
    ResolvedPolicy liquidation = prepared.liquidation;
    Map<Double, AssetCeilings> ceilings = prepared.ceilings;
    PolicyRun budget = OptimizeEvaluation.budgetPolicy(o.budget(), b, histories);

    OptimizeSweep.Sweep sw =
        OptimizeSweep.run(
            prepared,
            budget,
            candidates != null ? candidates : OptimizeSweep.here(prepared),
            listener);
    long firstDay = sw.firstDay();
    int days = sw.days();
    long startMs = sw.startMs();
    long endMs = sw.endMs();
    DayFigures budgetDays = sw.budget();
    List<DayFigures> figures = sw.figures();
    List<Long> times =
        PolicyOptimizer.decisionTimes(startMs, endMs, o.minHistoryDays(), o.periodDays());
    if (times.isEmpty()) {
      throw new IllegalArgumentException(
          "the simulated span is too short: the first decision needs "
              + o.minHistoryDays()
              + " days of simulated history");
    }
    List<Decision> decisions = decide(grid, figures, budgetDays, firstDay, times, endMs, listener);
    PolicyRun optimised =
        Policies.fromForecasts(
                "optimised",
                "capped adaptive policy chosen walk-forward: each period's α, ceiling level and"
                    + " governor pacing chosen on the days before it only",
                forecasts,
                PolicyOptimizer.rules(
                    thresholds,
                    ceilings,
                    histories,
                    times,
                    k -> grid.get(decisions.get(k).chosen())),
                liquidation,
                histories)
            .get(0);
    Backtest.Result evaluation =
        OptimizeEvaluation.run(
            o, histories, ceilings, budget, optimised, times.get(0), simulated, simulations);
    BacktestReport.Summary summary =
        BacktestReport.summarise(
            evaluation, histories, OptimizeEvaluation.configuration(b, evaluation));

    Decision rec =
        PolicyOptimizer.choose(figures, budgetDays, firstDay, firstDay + days, endMs, endMs);
    Candidate recommended = grid.get(rec.chosen());
    Map<String, Double> ceilingByAsset = new LinkedHashMap<>();
    String policy =
        PolicyOptimizer.policyJson(
            recommended, thresholds, b.incentive(), histories, ceilingByAsset);
    listener.note("recommended on all the data: " + recommended.name());
    for (String e : o.space().edges(recommended)) {
      listener.note("at the edge of the search space: " + e + " (a wider grid may lend more)");
    }

    OptimizeMetrics.Metrics m =
        OptimizeMetrics.of(
            forecasts.recipe(),
            o,
            budget.name(),
            grid,
            sw,
            decisions,
            recommended,
            ceilingByAsset,
            summary);
    return write(b.reportsDir(), now, m, policy, evaluation, histories);
  }

  /** The walk-forward decisions at {@code times}, each on the days before it. */
  private static List<Decision> decide(
      List<Candidate> grid,
      List<DayFigures> figures,
      DayFigures budgetDays,
      long firstDay,
      List<Long> times,
      long endMs,
      Listener listener) {
    List<Decision> decisions = new ArrayList<>();
    for (int k = 0; k < times.size(); k++) {
      long to = k + 1 < times.size() ? times.get(k + 1) : endMs;
      Decision d =
          PolicyOptimizer.choose(
              figures, budgetDays, firstDay, Math.floorDiv(times.get(k), DAY_MS), times.get(k), to);
      decisions.add(d);
      listener.note(
          String.format(
              Locale.ROOT,
              "decision %s: %s (%d of %d within the budget on the days before)",
              Instant.ofEpochMilli(times.get(k)),
              grid.get(d.chosen()).name(),
              d.feasible(),
              grid.size()));
    }
    return decisions;
  }

  private static Result write(
      Path reportsDir,
      Instant now,
      OptimizeMetrics.Metrics m,
      String policy,
      Backtest.Result evaluation,
      List<AssetHistory> histories)
      throws IOException {
    RunReport report = RunReport.create(reportsDir, "optimize", now);
    report.writeMetrics(m);
    Path policyFile = report.dir().resolve("policy.json");
    AtomicFiles.write(policyFile, policy.getBytes(StandardCharsets.UTF_8));
    List<String> lead = new ArrayList<>();
    for (OptimizeMetrics.DecisionRow d : m.decisions()) {
      lead.add(
          String.format(
              Locale.ROOT,
              "From %s: %s, chosen on the days before (%d of %d candidates within the budget:"
                  + " bad debt per borrowed ≤ %s's %.3g %%; chosen %.3g %%, LTV %.1f %%).",
              d.from().substring(0, 10),
              d.chosen(),
              d.feasible(),
              m.evaluations(),
              m.budgetPolicy(),
              100 * d.budgetBefore().badPerBorrowed(),
              100 * d.chosenBefore().badPerBorrowed(),
              100 * d.chosenBefore().timeAvgLtv()));
    }
    lead.add("Recommended on all the data (policy.json): " + m.recommended() + ".");
    lead.addAll(EpisodeFrontier.sentences("optimised", m.episodes()));
    Path index =
        BacktestReport.write(
            report,
            "Optimize: the capped adaptive policy chosen walk-forward",
            lead,
            List.of(new Chart(report.writeChart("search", SearchChart.of(m)), "the candidates")),
            m.evaluation(),
            evaluation,
            histories);
    return new Result(m, index, policyFile);
  }
}

package io.liqopt.backtest;

import io.liqopt.backtest.PolicyOptimizer.Candidate;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.policy.ResolvedPolicy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The optimiser's sweep: every candidate simulated over the whole span on the same windows and
 * seeds, reduced to its figures per day. Given the forecasts the candidates are independent, so
 * they run one after the other in this JVM or as tasks elsewhere ({@link Runner}), with the same
 * figures.
 */
public final class OptimizeSweep {
  private static final long DAY_MS = 86_400_000L;
  private static final List<Long> WHOLE = List.of(Long.MIN_VALUE);

  private OptimizeSweep() {}

  /**
   * The span every candidate is simulated over.
   *
   * @param windows the simulated rows per asset
   * @param firstDay the first epoch day of the figures
   * @param days days of figures
   */
  public record Span(Map<String, Backtest.Window> windows, long firstDay, int days)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public Span {
      windows = new LinkedHashMap<>(windows);
    }
  }

  /** One candidate's figures per day, and the seconds its schedule and simulation took. */
  public record CandidateDays(DayFigures figures, double scheduleSeconds, double simulationSeconds)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Where the candidates are evaluated. */
  public interface Runner {
    /**
     * Candidates {@code 0..count-1} over {@code span} ({@link Prepared#evaluate}), in order; {@code
     * done} after each.
     */
    List<CandidateDays> run(Span span, int count, IntConsumer done);
  }

  /** What every candidate's evaluation needs besides the span; built once per process. */
  public static final class Prepared {
    final OptimizeJob.Options options;
    final List<AssetHistory> histories;
    final WalkForwardForecasts forecasts;
    final ResolvedPolicy thresholds;
    final ResolvedPolicy liquidation;
    final Map<Double, AssetCeilings> ceilings;

    private Prepared(
        OptimizeJob.Options o, List<AssetHistory> histories, WalkForwardForecasts forecasts) {
      BacktestJob.Options b = o.backtest();
      this.options = o;
      this.histories = List.copyOf(histories);
      this.forecasts = forecasts;
      this.thresholds = b.incentive().thresholds(b.risk());
      this.liquidation = b.incentive().liquidation(b.risk());
      this.ceilings =
          PolicyOptimizer.ceilings(
              o.space().grid(), b.risk(), b.incentive(), b.walkForward(), histories, b.fromMs());
    }

    /** The sweep of {@code o} over {@code histories}, given their walk-forward forecasts. */
    public static Prepared of(
        OptimizeJob.Options o, List<AssetHistory> histories, WalkForwardForecasts forecasts) {
      return new Prepared(o, histories, forecasts);
    }

    /** Candidate {@code i} over {@code span}: its schedule, simulated, summed per day. */
    public CandidateDays evaluate(Span span, int i) {
      BacktestJob.Options b = options.backtest();
      long s0 = System.nanoTime();
      PolicyRun p = candidate(options.space().grid().get(i), WHOLE);
      double schedule = (System.nanoTime() - s0) / 1e9;
      Backtest.Result r =
          Backtest.run(histories, List.of(p), b.simulation(), b.seeds(), span.windows(), n -> {});
      return new CandidateDays(
          DayFigures.of(r.runs().get(p.name()), span.firstDay(), span.days()),
          schedule,
          r.seconds());
    }

    /** Candidate {@code c} as a policy over the periods of {@code times} (one: the whole span). */
    PolicyRun candidate(Candidate c, List<Long> times) {
      return Policies.fromForecasts(
              c.name(),
              "capped adaptive " + c,
              forecasts,
              PolicyOptimizer.rules(thresholds, ceilings, histories, times, k -> c),
              liquidation,
              histories)
          .get(0);
    }
  }

  /** The runner that evaluates the candidates of {@code p} here, one after the other. */
  static Runner here(Prepared p) {
    return (span, count, done) -> {
      List<CandidateDays> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        out.add(p.evaluate(span, i));
        done.accept(i + 1);
      }
      return out;
    };
  }

  /** What {@link #run} gives: the span, the budget's and each candidate's figures per day. */
  record Sweep(
      long startMs,
      long endMs,
      long firstDay,
      int days,
      DayFigures budget,
      List<DayFigures> figures,
      OptimizeMetrics.Timing timing) {}

  /**
   * Every candidate simulated over the whole span on the same windows and seeds, reduced to its
   * figures per day, on {@code runner}; the windows are those where the budget policy and the first
   * candidate both have thresholds.
   *
   * @param budget the budget policy, simulated with the first candidate
   */
  static Sweep run(Prepared p, PolicyRun budget, Runner runner, OptimizeJob.Listener listener) {
    BacktestJob.Options b = p.options.backtest();
    List<Candidate> grid = p.options.space().grid();
    long t0 = System.nanoTime();
    PolicyRun first = p.candidate(grid.get(0), WHOLE);
    Map<String, Backtest.Window> windows =
        Backtest.windows(p.histories, List.of(budget, first), b.fromMs(), b.toMs());
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("no asset has hours where every candidate has thresholds");
    }
    Backtest.Result base =
        Backtest.run(p.histories, List.of(budget), b.simulation(), b.seeds(), windows, n -> {});
    long startMs = Long.MAX_VALUE;
    long endMs = Long.MIN_VALUE;
    for (AssetHistory h : p.histories) {
      Backtest.Window w = windows.get(h.symbol());
      if (w != null) {
        startMs = Math.min(startMs, h.series().openTimeMs(w.from()));
        endMs = Math.max(endMs, h.series().openTimeMs(w.to() - 1) + 3_600_000L);
      }
    }
    long firstDay = Math.floorDiv(startMs, DAY_MS);
    int days = (int) (Math.floorDiv(endMs, DAY_MS) - firstDay + 1);
    DayFigures budgetDays = DayFigures.of(base.runs().get(budget.name()), firstDay, days);
    List<CandidateDays> evaluated =
        runner.run(
            new Span(windows, firstDay, days),
            grid.size(),
            done -> listener.evaluated(done, grid.size()));
    if (evaluated.size() != grid.size()) {
      throw new IllegalStateException(
          evaluated.size() + " candidates evaluated, " + grid.size() + " asked for");
    }
    List<DayFigures> figures = new ArrayList<>();
    double scheduleSeconds = 0;
    double simulationSeconds = 0;
    for (CandidateDays c : evaluated) {
      figures.add(c.figures());
      scheduleSeconds += c.scheduleSeconds();
      simulationSeconds += c.simulationSeconds();
    }
    // the same-run baseline, timed after the candidates so that both run warm
    double baselineSeconds =
        Backtest.run(p.histories, List.of(budget), b.simulation(), b.seeds(), windows, n -> {})
            .seconds();
    return new Sweep(
        startMs,
        endMs,
        firstDay,
        days,
        budgetDays,
        figures,
        new OptimizeMetrics.Timing(
            (System.nanoTime() - t0) / 1e9,
            scheduleSeconds / grid.size(),
            simulationSeconds / grid.size(),
            baselineSeconds));
  }
}

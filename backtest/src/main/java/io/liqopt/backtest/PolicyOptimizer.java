package io.liqopt.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.PolicyConfig;
import io.liqopt.core.policy.ResolvedPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The policy optimiser's parts that need no I/O: the search space of the capped adaptive family
 * (what {@code serve} runs: the forecast through the governor, under a per-asset LT ceiling), the
 * walk-forward choice among candidates on the days before each decision, and the hour-by-hour rules
 * of the policy those choices make. {@link OptimizeJob} runs them.
 */
public final class PolicyOptimizer {
  private static final long DAY_MS = 86_400_000L;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PolicyOptimizer() {}

  /**
   * One point of the search space.
   *
   * @param ceilingLevel α_c of the per-asset LT ceiling ({@link AssetCeilings}), or NaN for none
   * @param alpha α of the forecast's adverse-move quantile behind the target LT
   * @param stressedWeight the governor's stressed weight
   * @param loosenPerDay the governor's loosening limit, LT points a day
   */
  public record Candidate(
      double ceilingLevel, double alpha, double stressedWeight, double loosenPerDay) {

    /**
     * A short name, e.g. {@code c0.99-a0.995-w0.25-l0.02}: every value in its shortest exact
     * decimal form, so distinct candidates have distinct names.
     */
    public String name() {
      return (Double.isNaN(ceilingLevel) ? "uncapped" : "c" + decimal(ceilingLevel))
          + "-a"
          + decimal(alpha)
          + "-w"
          + decimal(stressedWeight)
          + "-l"
          + decimal(loosenPerDay);
    }

    private static String decimal(double v) {
      return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** {@code base} with this candidate's α and governor settings (the ceiling is per hour). */
    public AssetRiskConfig apply(AssetRiskConfig base) {
      return base.toBuilder()
          .alpha(alpha)
          .stressedWeight(stressedWeight)
          .ltMaxLoosenPerDay(loosenPerDay)
          .build();
    }
  }

  /**
   * The grid searched: every combination of the listed values.
   *
   * @param ceilingLevels α_c values (NaN: no ceiling)
   */
  public record Space(
      List<Double> ceilingLevels,
      List<Double> alphas,
      List<Double> stressedWeights,
      List<Double> loosenPerDay) {

    public Space {
      ceilingLevels = List.copyOf(ceilingLevels);
      alphas = List.copyOf(alphas);
      stressedWeights = List.copyOf(stressedWeights);
      loosenPerDay = List.copyOf(loosenPerDay);
      for (double c : ceilingLevels) {
        if (!Double.isNaN(c) && !(c > 0.5 && c < 1)) {
          throw new IllegalArgumentException("a ceiling level must be in (0.5, 1) or none: " + c);
        }
      }
      if (ceilingLevels.isEmpty()
          || alphas.isEmpty()
          || stressedWeights.isEmpty()
          || loosenPerDay.isEmpty()) {
        throw new IllegalArgumentException("every dimension of the search space needs a value");
      }
    }

    /**
     * The defaults, 100 candidates: ceilings at α_c 0.95 / 0.975 / 0.99 / 0.995 of each asset's own
     * history or none, the forecast at α 0.9 / 0.95 / 0.975 / 0.99 / 0.995, stressed weight 0 or
     * 0.25, loosening at the tightening pace (0.02) or a quarter of it.
     */
    public static Space defaults() {
      return new Space(
          List.of(0.95, 0.975, 0.99, 0.995, Double.NaN),
          List.of(0.9, 0.95, 0.975, 0.99, 0.995),
          List.of(0.0, 0.25),
          List.of(0.02, 0.005));
    }

    /**
     * The dimensions in which {@code c} takes the lowest or highest value listed (of two or more):
     * a choice at the edge of the grid says the grid may be too narrow there.
     */
    public List<String> edges(Candidate c) {
      List<String> out = new ArrayList<>();
      edge(out, "alpha", alphas, c.alpha());
      edge(out, "stressed weight", stressedWeights, c.stressedWeight());
      edge(out, "loosening rate", loosenPerDay, c.loosenPerDay());
      List<Double> levels = new ArrayList<>();
      for (double l : ceilingLevels) {
        if (!Double.isNaN(l)) {
          levels.add(l);
        }
      }
      if (!Double.isNaN(c.ceilingLevel())) {
        edge(out, "ceiling level", levels, c.ceilingLevel());
      }
      return out;
    }

    private static void edge(List<String> out, String name, List<Double> values, double v) {
      if (values.size() < 2) {
        return;
      }
      double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      if (v == lo || v == hi) {
        out.add(
            String.format(
                Locale.ROOT, "%s %.4g is the grid's %s", name, v, v == lo ? "lowest" : "highest"));
      }
    }

    /** Every candidate, ceiling level outermost. */
    public List<Candidate> grid() {
      List<Candidate> out = new ArrayList<>();
      for (double c : ceilingLevels) {
        for (double a : alphas) {
          for (double w : stressedWeights) {
            for (double l : loosenPerDay) {
              out.add(new Candidate(c, a, w, l));
            }
          }
        }
      }
      return out;
    }
  }

  /**
   * One walk-forward decision: the candidate chosen at {@code fromMs} on the days before it, in
   * force until {@code toMs}.
   *
   * @param chosen index into the candidates
   * @param feasible candidates within the risk budget on the days before
   * @param chosenBefore the chosen candidate's figures on the days before
   * @param budgetBefore the budget policy's figures on the same days
   */
  public record Decision(
      long fromMs,
      long toMs,
      int chosen,
      int feasible,
      DayFigures.Totals chosenBefore,
      DayFigures.Totals budgetBefore) {}

  /**
   * The choice on days {@code [fromDay, beforeDay)}: among the candidates whose bad debt per
   * borrowed is at most the budget policy's on those days, the one that lent the most debt-hours;
   * when none is, the one with the least bad debt per borrowed (ties: more debt-hours). Only days
   * before {@code beforeDay} are read.
   */
  static Decision choose(
      List<DayFigures> candidates,
      DayFigures budget,
      long fromDay,
      long beforeDay,
      long fromMs,
      long toMs) {
    DayFigures.Totals limit = budget.between(fromDay, beforeDay);
    int best = -1;
    int feasible = 0;
    int safest = -1;
    DayFigures.Totals bestT = null;
    DayFigures.Totals safestT = null;
    for (int i = 0; i < candidates.size(); i++) {
      DayFigures.Totals t = candidates.get(i).between(fromDay, beforeDay);
      if (t.badPerBorrowed() <= limit.badPerBorrowed()) {
        feasible++;
        if (bestT == null || t.debtHoursQuote() > bestT.debtHoursQuote()) {
          best = i;
          bestT = t;
        }
      }
      if (safestT == null
          || t.badPerBorrowed() < safestT.badPerBorrowed()
          || t.badPerBorrowed() == safestT.badPerBorrowed()
              && t.debtHoursQuote() > safestT.debtHoursQuote()) {
        safest = i;
        safestT = t;
      }
    }
    int chosen = best >= 0 ? best : safest;
    DayFigures.Totals chosenT = best >= 0 ? bestT : safestT;
    return new Decision(fromMs, toMs, chosen, feasible, chosenT, limit);
  }

  /**
   * The decision dates: the first {@code minHistoryDays} after the start of the day of {@code
   * startMs}, then every {@code periodDays} while before {@code endMs}.
   */
  static List<Long> decisionTimes(long startMs, long endMs, int minHistoryDays, int periodDays) {
    if (minHistoryDays < 1 || periodDays < 1) {
      throw new IllegalArgumentException("minHistoryDays and periodDays must be >= 1");
    }
    List<Long> out = new ArrayList<>();
    long t = Math.floorDiv(startMs, DAY_MS) * DAY_MS + minHistoryDays * DAY_MS;
    for (; t < endMs; t += periodDays * DAY_MS) {
      out.add(t);
    }
    return out;
  }

  /**
   * The hour-by-hour rules of a policy that runs candidate {@code pick.apply(k)} in period {@code
   * k}: period k holds the hours from {@code times.get(k)} to the next time; hours before the first
   * have none. Each candidate's per-asset configuration is built once per ceiling change.
   *
   * @param ceilings the ceilings by α_c (keys as in the candidates)
   */
  static Policies.RowRules rules(
      ResolvedPolicy risk,
      Map<Double, AssetCeilings> ceilings,
      List<AssetHistory> histories,
      List<Long> times,
      IntFunction<Candidate> pick) {
    Map<String, AssetHistory> bySymbol = new HashMap<>();
    for (AssetHistory h : histories) {
      bySymbol.put(h.symbol(), h);
    }
    Map<String, Built> last = new java.util.concurrent.ConcurrentHashMap<>();
    return (symbol, row) -> {
      long t = bySymbol.get(symbol).series().openTimeMs(row);
      int k = period(times, t);
      if (k < 0) {
        return null;
      }
      Candidate c = pick.apply(k);
      double ceiling = 1;
      if (!Double.isNaN(c.ceilingLevel())) {
        ceiling = Math.min(1, ceilings.get(c.ceilingLevel()).lt(symbol, row));
        if (Double.isNaN(ceiling)) {
          return null;
        }
      }
      Built cached = last.get(symbol);
      if (cached != null && cached.candidate() == c && cached.ceiling() == ceiling) {
        return cached.config();
      }
      AssetRiskConfig base = c.apply(risk.forSymbol(symbol));
      AssetRiskConfig out = base.withGovernor(base.governor().withLtCeiling(ceiling));
      last.put(symbol, new Built(c, ceiling, out));
      return out;
    };
  }

  /** The configuration last built for an asset, and what it was built from. */
  private record Built(Candidate candidate, double ceiling, AssetRiskConfig config) {}

  /** The period of time {@code t}: the last index with {@code times.get(k) ≤ t}, or −1. */
  static int period(List<Long> times, long t) {
    int k = -1;
    for (int i = 0; i < times.size() && times.get(i) <= t; i++) {
      k = i;
    }
    return k;
  }

  /** The candidates' ceilings by α_c, computed once for every distinct level. */
  static Map<Double, AssetCeilings> ceilings(
      List<Candidate> candidates,
      ResolvedPolicy risk,
      Incentive incentive,
      Policies.WalkForward wf,
      List<AssetHistory> histories,
      long startMs) {
    List<Double> levels = new ArrayList<>();
    for (Candidate c : candidates) {
      if (!Double.isNaN(c.ceilingLevel()) && !levels.contains(c.ceilingLevel())) {
        levels.add(c.ceilingLevel());
      }
    }
    Map<Double, AssetCeilings> out = new LinkedHashMap<>();
    for (AssetCeilings a : AssetCeilings.compute(levels, risk, incentive, wf, histories, startMs)) {
      out.put(a.level(), a);
    }
    return out;
  }

  /**
   * The recommended policy as the JSON {@code serve --config} reads: the thresholds' risk
   * configuration with the candidate's α and governor settings as defaults, and each asset's LT
   * ceiling from all its history (assets with too little history are left uncapped, and absent from
   * {@code ceilings}). Validated by {@link PolicyConfig#parse} before it is returned.
   */
  static String policyJson(
      Candidate c,
      ResolvedPolicy thresholds,
      Incentive incentive,
      List<AssetHistory> histories,
      Map<String, Double> ceilings) {
    ObjectNode root = JSON.createObjectNode();
    root.set("defaults", JSON.valueToTree(c.apply(thresholds.defaults())));
    ObjectNode assets = root.putObject("assets");
    for (AssetHistory h : histories) {
      AssetRiskConfig config = c.apply(thresholds.forSymbol(h.symbol()));
      if (!Double.isNaN(c.ceilingLevel())) {
        double[] t =
            StaticPolicies.frozenLt(
                h, config.withAlpha(c.ceilingLevel()), incentive, Long.MAX_VALUE);
        if (t != null) {
          config = config.withGovernor(config.governor().withLtCeiling(Math.min(1, t[0])));
          ceilings.put(h.symbol(), config.governor().ltCeiling());
        }
      }
      assets.set(h.symbol(), JSON.valueToTree(config));
    }
    String json;
    try {
      json = JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    PolicyConfig.parse(json);
    return json;
  }
}

package io.liqopt.training.walkforward;

import io.liqopt.core.stats.DayBlockBootstrap;
import io.liqopt.core.stats.DayBlockBootstrap.Interval;
import io.liqopt.training.metrics.VarianceLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Paired day-block bootstrap intervals on the evaluation's headline comparisons: each model's QLIKE
 * ratio against the reference model, QLIKE_m / QLIKE_ref − 1 (negative: better than it), each ML
 * model's ratio against the best baseline (the non-ML model, name not starting with "ml", with the
 * lowest pooled QLIKE at the horizon, chosen ex post on the data as they are and then held fixed in
 * every resample, so its interval does not include the choice), and each model's stress AUC, Brier
 * score and Brier skill score, with its AUC difference from the reference's.
 *
 * <p>Resampling ({@link DayBlockBootstrap}): the UTC calendar days from the first to the last
 * scored hour of the horizon are rebuilt from circular blocks of L days; a drawn day brings the
 * rows of every asset on that day (cross-asset dependence is kept: crashes hit all assets at once)
 * and the same draws serve every model (paired) and every asset cell, so that per-asset and pooled
 * intervals rest on the same resamples. Each figure is recomputed on the resampled days: a QLIKE
 * ratio as Σ L_m / Σ L_ref over the resampled rows (the row counts cancel, the rows being the same
 * for both models), Brier as Σ (p − o)² / n, BSS as 1 − Brier / (ō(1 − ō)) with the resample's own
 * base rate ō, and the AUC as the Mann–Whitney statistic with each row weighted by the number of
 * times its day was drawn. A resample in which a figure is undefined (one class only) is left out
 * of that figure's interval, which counts the resamples it rests on. Percentile intervals at {@link
 * #LEVEL}.
 *
 * <p>Block length, {@link #BLOCK_DAYS} = 10: a 24 h target overlaps the 23 hours after it, and the
 * QLIKE losses of hourly variance forecasts are autocorrelated for days beyond that (volatility
 * clusters); the block must be long relative to that dependence (Künsch 1989, "The jackknife and
 * the bootstrap for general stationary observations", Annals of Statistics 17(3), 1217–1241;
 * Politis and Romano 1994, "The stationary bootstrap", JASA 89(428), 1303–1313, whose expected
 * block length plays the same role). The n^(1/3) rate of Hall, Horowitz and Jing (1995) gives about
 * 12 days for five years of days and about 6 for one; 10 days is ten times the target's overlap and
 * leaves about 180 blocks in five years. At 1 h the overlap is nil and 10 days is conservative.
 *
 * <p>Stateless; allocation-free inside the resample loop.
 */
public final class ScoreIntervals {
  /** Days per block (see the class comment). */
  public static final int BLOCK_DAYS = 10;

  /** Resamples per interval. */
  public static final int RESAMPLES = 2000;

  /** The resampling seed, fixed so that a run is reproducible, and recorded in metrics.json. */
  public static final long SEED = 20_240_805L;

  /** Two-sided coverage of the intervals. */
  public static final double LEVEL = 0.95;

  private static final long DAY_MS = 86_400_000L;

  private ScoreIntervals() {}

  /**
   * How the intervals are drawn.
   *
   * @param blockDays days per block, ≥ 1
   * @param resamples resamples, ≥ 1
   * @param seed the resampling seed
   */
  public record Settings(int blockDays, int resamples, long seed) {
    /** {@link #BLOCK_DAYS}, {@link #RESAMPLES}, {@link #SEED}. */
    public static final Settings DEFAULT = new Settings(BLOCK_DAYS, RESAMPLES, SEED);

    public Settings {
      if (blockDays < 1 || resamples < 1) {
        throw new IllegalArgumentException(
            "bootstrap block days and resamples must be positive, were "
                + blockDays
                + " and "
                + resamples);
      }
    }
  }

  /**
   * One model's intervals in one cell; a field is null where it does not apply (the reference
   * against itself, a non-ML model against the best baseline, stress scores off the stress horizon)
   * or is undefined on the data as they are.
   *
   * @param qlikeRatioVsReference QLIKE_m / QLIKE_ref − 1
   * @param qlikeRatioVsBestBaseline QLIKE_m / QLIKE_best − 1, for ML models only
   * @param auc the stress AUC
   * @param brier the Brier score
   * @param brierSkillScore 1 − Brier / (ō(1 − ō))
   * @param aucDifferenceVsReference AUC_m − AUC_ref
   */
  public record ModelIntervals(
      String model,
      Interval qlikeRatioVsReference,
      Interval qlikeRatioVsBestBaseline,
      Interval auc,
      Interval brier,
      Interval brierSkillScore,
      Interval aucDifferenceVsReference) {}

  /** The intervals of one asset (or "pooled") at one horizon. */
  public record CellIntervals(String symbol, List<ModelIntervals> models) {
    public CellIntervals {
      models = List.copyOf(models);
    }
  }

  /**
   * One horizon's intervals.
   *
   * @param bestBaseline the best non-ML model by pooled QLIKE, or null when every model is ML
   * @param days the days of the resampled axis
   * @param cells pooled first, then each asset
   */
  public record HorizonIntervals(
      int horizonHours, String bestBaseline, int days, List<CellIntervals> cells) {
    public HorizonIntervals {
      cells = List.copyOf(cells);
    }
  }

  /** All intervals of an evaluation and how they were drawn. */
  public record Result(
      String method,
      int blockDays,
      int resamples,
      long seed,
      double level,
      List<HorizonIntervals> horizons) {
    public Result {
      horizons = List.copyOf(horizons);
    }

    static Result of(Settings s, List<HorizonIntervals> horizons) {
      return new Result(
          "circular block bootstrap of whole UTC days (Politis-Romano), blocks of "
              + s.blockDays()
              + " days drawn jointly for all assets, the same days for every model (paired);"
              + " percentile intervals",
          s.blockDays(),
          s.resamples(),
          s.seed(),
          LEVEL,
          horizons);
    }
  }

  /** True for the names of ML models ("ml", "ml-…"), which the best baseline excludes. */
  static boolean isMl(String model) {
    return model.startsWith("ml");
  }

  /**
   * The intervals of one horizon: {@code pooled} and each of {@code assets} (their concatenation),
   * on one day axis and one set of draws.
   */
  static HorizonIntervals of(
      int h,
      EvaluationSample pooled,
      List<EvaluationSample> assets,
      List<String> models,
      String reference,
      String bestBaseline,
      Settings settings) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (long t : pooled.time) {
      first = Math.min(first, Math.floorDiv(t, DAY_MS));
      last = Math.max(last, Math.floorDiv(t, DAY_MS));
    }
    int days = (int) (last - first + 1);
    int[][] starts = new int[settings.resamples() + 1][];
    starts[0] = DayBlockBootstrap.identity(days, settings.blockDays());
    int[][] draws =
        DayBlockBootstrap.draws(days, settings.blockDays(), settings.resamples(), settings.seed());
    System.arraycopy(draws, 0, starts, 1, draws.length);
    List<CellIntervals> cells = new ArrayList<>();
    List<EvaluationSample> all = new ArrayList<>();
    all.add(pooled);
    all.addAll(assets);
    for (EvaluationSample s : all) {
      cells.add(cell(s, first, days, starts, models, reference, bestBaseline, settings));
    }
    return new HorizonIntervals(h, bestBaseline, days, cells);
  }

  private static CellIntervals cell(
      EvaluationSample s,
      long firstDay,
      int days,
      int[][] starts,
      List<String> models,
      String reference,
      String bestBaseline,
      Settings settings) {
    int[] rowDay = new int[s.rows()];
    for (int i = 0; i < rowDay.length; i++) {
      rowDay[i] = (int) (Math.floorDiv(s.time[i], DAY_MS) - firstDay);
    }
    int l = settings.blockDays();
    int[] varRows = s.varianceRows(VarianceLoss.DEFAULT.realisedVarianceFloor());
    double[][] qlike = new double[models.size()][];
    if (varRows.length > 0) {
      double[] rv = EvaluationSample.select(s.realisedVariance, varRows);
      for (int m = 0; m < models.size(); m++) {
        double[] loss =
            VarianceLoss.DEFAULT.qlikeLosses(
                rv, EvaluationSample.select(s.variance.get(models.get(m)), varRows));
        qlike[m] = figures(daySums(loss, varRows, rowDay, days), starts, l, days);
      }
    }
    StressIntervals stress =
        s.stressProbability == null ? null : StressIntervals.of(s, models, rowDay, days, starts, l);
    int ref = models.indexOf(reference);
    int best = bestBaseline == null ? -1 : models.indexOf(bestBaseline);
    List<ModelIntervals> out = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      boolean ml = isMl(models.get(m));
      out.add(
          new ModelIntervals(
              models.get(m),
              m == ref || varRows.length == 0 ? null : ratio(qlike[m], qlike[ref]),
              !ml || best < 0 || varRows.length == 0 ? null : ratio(qlike[m], qlike[best]),
              stress == null ? null : interval(stress.auc[m]),
              stress == null ? null : interval(stress.brier[m]),
              stress == null ? null : interval(stress.skill[m]),
              stress == null || m == ref ? null : difference(stress.auc[m], stress.auc[ref])));
    }
    return new CellIntervals(s.symbol, out);
  }

  /** Prefix sums over the day axis of {@code x} (row k of {@code x} is sample row rows[k]). */
  static double[] daySums(double[] x, int[] rows, int[] rowDay, int days) {
    double[] prefix = new double[days + 1];
    for (int k = 0; k < x.length; k++) {
      prefix[rowDay[rows == null ? k : rows[k]] + 1] += x[k];
    }
    for (int d = 1; d <= days; d++) {
      prefix[d] += prefix[d - 1];
    }
    return prefix;
  }

  /** The resampled sums of a prefix-summed series, one per entry of {@code starts}. */
  static double[] figures(double[] prefix, int[][] starts, int blockDays, int days) {
    double[] out = new double[starts.length];
    for (int b = 0; b < starts.length; b++) {
      out[b] = DayBlockBootstrap.resampledSum(prefix, starts[b], blockDays, days);
    }
    return out;
  }

  /** The interval of num / den − 1, resample by resample (NaN where den is 0). */
  static Interval ratio(double[] num, double[] den) {
    double[] r = new double[num.length];
    for (int b = 0; b < r.length; b++) {
      r[b] = den[b] > 0 ? num[b] / den[b] - 1 : Double.NaN;
    }
    return interval(r);
  }

  private static Interval difference(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = a[k] - b[k];
    }
    return interval(d);
  }

  /** The percentile interval, or null when the figure is undefined on the data as they are. */
  static Interval interval(double[] values) {
    return Double.isNaN(values[0]) ? null : DayBlockBootstrap.interval(values, LEVEL);
  }

  /** The stress figures of every model in every resample (index 0: the data as they are). */
  static final class StressIntervals {
    double[][] auc;
    double[][] brier;
    double[][] skill;

    static StressIntervals of(
        EvaluationSample s,
        List<String> models,
        int[] rowDay,
        int days,
        int[][] starts,
        int blockDays) {
      int n = s.rows();
      double[] one = new double[n];
      double[] event = new double[n];
      for (int i = 0; i < n; i++) {
        one[i] = 1;
        event[i] = s.stress[i] ? 1 : 0;
      }
      double[] count = figures(daySums(one, null, rowDay, days), starts, blockDays, days);
      double[] events = figures(daySums(event, null, rowDay, days), starts, blockDays, days);
      StressIntervals out = new StressIntervals();
      out.auc = new double[models.size()][starts.length];
      out.brier = new double[models.size()][];
      out.skill = new double[models.size()][starts.length];
      int[][] order = new int[models.size()][];
      boolean[][] tieNext = new boolean[models.size()][];
      double[] sq = new double[n];
      for (int m = 0; m < models.size(); m++) {
        double[] p = s.stressProbability.get(models.get(m));
        for (int i = 0; i < n; i++) {
          sq[i] = (p[i] - event[i]) * (p[i] - event[i]);
        }
        double[] sse = figures(daySums(sq, null, rowDay, days), starts, blockDays, days);
        out.brier[m] = new double[starts.length];
        for (int b = 0; b < starts.length; b++) {
          double rate = events[b] / count[b];
          out.brier[m][b] = sse[b] / count[b];
          double climatology = rate * (1 - rate);
          out.skill[m][b] = climatology > 0 ? 1 - out.brier[m][b] / climatology : Double.NaN;
        }
        order[m] = sortedOrder(p);
        tieNext[m] = new boolean[n];
        for (int k = 0; k + 1 < n; k++) {
          tieNext[m][k] = p[order[m][k]] == p[order[m][k + 1]];
        }
      }
      int[] dayCount = new int[days];
      for (int b = 0; b < starts.length; b++) {
        DayBlockBootstrap.dayCounts(starts[b], blockDays, days, dayCount);
        for (int m = 0; m < models.size(); m++) {
          out.auc[m][b] = weightedAuc(order[m], tieNext[m], s.stress, rowDay, dayCount);
        }
      }
      return out;
    }
  }

  /** The row indices in ascending order of {@code score}. */
  static int[] sortedOrder(double[] score) {
    Integer[] boxed = new Integer[score.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, Comparator.comparingDouble(i -> score[i]));
    int[] order = new int[boxed.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  /**
   * The Mann–Whitney AUC with row i counted {@code dayCount[rowDay[i]]} times: over the rows in
   * ascending score, each tie group adds its event weight × (the non-event weight below it + half
   * its own), divided by the event weight × the non-event weight (ties count one half, as {@link
   * io.liqopt.training.metrics.ClassificationScores#auc}). NaN with one class only.
   * Allocation-free.
   */
  static double weightedAuc(
      int[] order, boolean[] tieNext, boolean[] outcome, int[] rowDay, int[] dayCount) {
    double num = 0;
    double below = 0;
    double events = 0;
    double groupEvents = 0;
    double groupNon = 0;
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      int w = dayCount[rowDay[i]];
      if (outcome[i]) {
        groupEvents += w;
      } else {
        groupNon += w;
      }
      if (!tieNext[k]) {
        num += groupEvents * (below + 0.5 * groupNon);
        below += groupNon;
        events += groupEvents;
        groupEvents = 0;
        groupNon = 0;
      }
    }
    return events > 0 && below > 0 ? num / (events * below) : Double.NaN;
  }
}

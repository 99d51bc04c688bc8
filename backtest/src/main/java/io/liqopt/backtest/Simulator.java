package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.AssetThresholds;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.SquareRootImpact;
import io.liqopt.core.position.Assessment;
import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.position.LiquidationPlan;
import io.liqopt.core.position.Position;
import io.liqopt.core.position.PositionAssessor;
import io.liqopt.core.position.Seizure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The event-driven simulation of one asset's lending book under one policy, hour by hour over real
 * bars (DESIGN.md, "Backtest"). Deterministic for a seed; one instance per thread.
 *
 * <p>In hour r (bar r: open O, high, low L, close C; the parameters in force are those the policy
 * set at the close of bar r − 1, from bars ≤ r − 1 only):
 *
 * <ol>
 *   <li>Prices are the historical ones times an impact multiplier m (1 without liquidation sales;
 *       permanent impact lowers it, and it decays back with a half-life).
 *   <li>Liquidators act on the positions that became liquidatable {@code latency} hours before, at
 *       the open O·m: if the position is still liquidatable, core's {@link PositionAssessor} sizes
 *       the repay and seizure (the policy's close factor, target HF, full-liquidation HF, toxic
 *       spiral), the liquidator goes ahead only if the bonus covers the expected slippage and its
 *       fixed cost (else it waits an hour), and the sale of the seized collateral moves the price
 *       by the square-root law {@code k·sqrt(q)}, of which a share stays (m falls): other positions
 *       then see the lower price — the cascade.
 *   <li>Every open position is checked: expiry (repaid, or walked away from and bad debt when
 *       underwater), a scheduled top-up, liquidatable at the intrabar low L·m ({@code C·L·m·LT <
 *       D}), a warning at the close ({@code HF < warning}) that makes the borrower react with some
 *       probability after a delay.
 *   <li>New borrowers arrive (Poisson) and open at a fraction of the max LTV set at this close.
 * </ol>
 *
 * A liquidation's generation is 0 when the position would have been liquidatable at the historical
 * low, else 1 + the generation of the liquidation sales of the same or the previous hour, whose
 * impact made it liquidatable: the cascade depth is the largest generation.
 */
public final class Simulator {
  private static final long DAY_MS = 86_400_000L;
  private static final int LOG_RV_1W =
      io.liqopt.core.feature.FeatureCalculator.SCHEMA.indexOf("log_rv_1w");
  private static final int LOG_RV_1D =
      io.liqopt.core.feature.FeatureCalculator.SCHEMA.indexOf("log_rv_1d");

  private final SimulationConfig cfg;

  // the book, in columns; slot i is open for i < n
  private double[] qty = new double[256];
  private double[] debt = new double[256];
  private int[] endRow = new int[256];
  private int[] pendingRow = new int[256];
  private int[] generation = new int[256];
  private int[] reactRow = new int[256];
  private boolean[] warned = new boolean[256];
  private long[] ids = new long[256];
  private int n;

  public Simulator(SimulationConfig cfg) {
    this.cfg = cfg;
  }

  /**
   * Runs {@code schedule} on {@code history} over rows {@code [from, to)}.
   *
   * @param risk the policy's liquidation rules (close factor, target and full-liquidation HF, dust)
   */
  public AssetRun run(
      AssetHistory history,
      ThresholdSchedule schedule,
      ResolvedPolicy risk,
      int from,
      int to,
      long seed) {
    return run(history, schedule, risk, from, to, seed, List.of());
  }

  /**
   * As above, with positions already open at the start: each {@code {quantity, debt, endRow}}
   * (tests use it to follow one position by hand).
   */
  AssetRun run(
      AssetHistory history,
      ThresholdSchedule schedule,
      ResolvedPolicy risk,
      int from,
      int to,
      long seed,
      List<double[]> initialBook) {
    BarSeries bars = history.series();
    String symbol = bars.symbol();
    AssetRiskConfig rules = risk.forSymbol(symbol);
    PositionAssessor assessor = PositionAssessor.of(risk);
    SplittableRandom rng = new SplittableRandom(seed ^ symbol.hashCode() * 0x9E3779B97F4A7C15L);
    n = 0;
    long nextId = 0;
    for (double[] p : initialBook) {
      add(nextId++, p[0], p[1], (int) p[2]);
    }
    double m = 1;
    double decay = Math.pow(0.5, 1 / cfg.impactHalfLifeHours());
    double arrivalsPerHour = cfg.arrivalsPerDay() / 24;
    // the cascade: the generation of the latest liquidation sales and until when they matter
    int lastSaleGeneration = -1;
    int lastSaleRow = Integer.MIN_VALUE / 2;
    // a liquidation is caused by earlier sales only if they were this recent: the sales of the
    // hour it is flagged in, or of the hour before
    int cascadeWindow = 1;

    long positionHours = 0;
    long opened = 0;
    double borrowed = 0;
    long liquidations = 0;
    long partials = 0;
    double liquidated = 0;
    double penalty = 0;
    double badDebt = 0;
    long delays = 0;
    long topUps = 0;
    double ltvSum = 0;
    long ltvHours = 0;
    double cliffSum = 0;
    long cliffDays = 0;
    int cascade = 0;
    // bad debt per UTC calendar day, day 0 the day of the first simulated hour
    long startDayMs = to > from ? Math.floorDiv(bars.openTimeMs(from), DAY_MS) * DAY_MS : 0;
    double[] daily =
        new double[to > from ? (int) ((bars.openTimeMs(to - 1) - startDayMs) / DAY_MS) + 1 : 1];
    EventLog events = new EventLog();

    double lt = Double.NaN;
    double bonus = Double.NaN;
    double closeFactor = Double.NaN;
    double slippage = Double.NaN;
    double ltv = Double.NaN;
    for (int r = from; r < to; r++) {
      // parameters set at the close of r - 1, carried forward over gaps in the policy
      if (r > 0 && !Double.isNaN(schedule.lt()[r - 1])) {
        lt = schedule.lt()[r - 1];
        bonus = schedule.bonus()[r - 1];
        closeFactor = schedule.closeFactor()[r - 1];
        slippage = schedule.slippage()[r - 1];
        ltv = Math.min(schedule.maxLtv()[r - 1], lt);
      }
      m = 1 - (1 - m) * decay;
      long openMs = bars.openTimeMs(r);
      int day = (int) ((openMs - startDayMs) / DAY_MS);

      // 1. liquidators act at the open
      if (n > 0 && !Double.isNaN(lt)) {
        // the market inputs of a sale, read only in the hours a liquidator acts (most hours have
        // none, and this loop runs every hour)
        MarketSnapshot market = null;
        double sigmaDay = Double.NaN;
        boolean marketRead = false;
        for (int i = 0; i < n; i++) {
          if (pendingRow[i] != r) {
            continue;
          }
          if (!marketRead && r > 0) {
            market = MarketSnapshot.at(history, r - 1);
            sigmaDay = dailyVolatility(history, r - 1);
            marketRead = true;
          }
          double price = bars.open(r) * m;
          if (qty[i] * price * lt >= debt[i]) {
            pendingRow[i] = -1; // recovered before anyone acted
            continue;
          }
          if (market == null || !(sigmaDay > 0) || !Double.isFinite(sigmaDay)) {
            pendingRow[i] = r + 1; // no volume: nobody can sell, wait
            delays++;
            continue;
          }
          MarketSnapshot atPrice =
              MarketSnapshot.of(symbol, price, market.dailyQuoteVolume(), openMs);
          AssetThresholds th =
              new AssetThresholds(
                  symbol,
                  schedule.policy(),
                  openMs,
                  openMs,
                  lt,
                  ltv,
                  bonus,
                  closeFactor,
                  slippage,
                  0,
                  0.99,
                  0,
                  0.95,
                  lt,
                  sigmaDay,
                  0,
                  false,
                  List.of());
          Assessment a =
              assessor.assess(
                  new Position(
                      "p" + ids[i],
                      List.of(new CollateralHolding(symbol, qty[i], price)),
                      "QUOTE",
                      debt[i]),
                  Map.of(symbol, th),
                  Map.of(symbol, atPrice));
          LiquidationPlan plan = a.liquidation();
          if (plan == null) {
            pendingRow[i] = -1;
            continue;
          }
          double reward = plan.borrowerPenaltyQuote();
          if (!plan.toxicSpiral()
              && reward < plan.expectedSlippageQuote() + cfg.liquidatorFixedCostQuote()) {
            pendingRow[i] = r + 1; // not worth it yet
            delays++;
            continue;
          }
          double seizedQty = 0;
          double seizedValue = 0;
          for (Seizure s : plan.seizures()) {
            seizedQty += s.quantity();
            seizedValue += s.valueQuote();
          }
          liquidations++;
          liquidated += plan.repayQuote();
          penalty += Math.max(0, plan.borrowerPenaltyQuote());
          badDebt += plan.badDebtQuote();
          daily[day] += plan.badDebtQuote();
          boolean closed =
              plan.full()
                  || plan.toxicSpiral()
                  || debt[i] - plan.repayQuote() - plan.badDebtQuote() <= 1e-9 * debt[i];
          if (!closed) {
            partials++;
          }
          events.add(
              openMs,
              plan.repayQuote(),
              plan.badDebtQuote(),
              Math.max(0, plan.borrowerPenaltyQuote()),
              !closed,
              price);
          cascade = Math.max(cascade, generation[i]);
          if (r - lastSaleRow > cascadeWindow) {
            lastSaleGeneration = generation[i];
          } else {
            lastSaleGeneration = Math.max(lastSaleGeneration, generation[i]);
          }
          lastSaleRow = r;
          double impact =
              SquareRootImpact.of(atPrice, sigmaDay, rules.execution().impactCoefficient())
                  .impactFraction(seizedValue);
          m *= 1 - cfg.permanentImpactShare() * Math.min(impact, 0.5);
          if (closed) {
            remove(i);
            i--;
          } else {
            debt[i] -= plan.repayQuote();
            qty[i] = Math.max(0, qty[i] - seizedQty);
            pendingRow[i] = -1;
          }
        }
      }

      // 2. the book through the hour
      double low = bars.low(r) * m;
      double close = bars.close(r) * m;
      double sumDebt = 0;
      double sumValue = 0;
      boolean cliffDay = (r - from) % 24 == 23;
      double cliffDebt = 0;
      for (int i = 0; i < n; i++) {
        if (r >= endRow[i]) {
          double value = qty[i] * close;
          if (value < debt[i]) {
            badDebt += debt[i] - value; // the borrower walks away; nobody liquidated in time
            daily[day] += debt[i] - value;
          }
          remove(i);
          i--;
          continue;
        }
        if (reactRow[i] == r && pendingRow[i] < 0 && !Double.isNaN(lt)) {
          double need = cfg.topUpHealthFactor() * debt[i] / (lt * close);
          if (need > qty[i]) {
            qty[i] = need;
            topUps++;
          }
          reactRow[i] = -1;
        }
        if (pendingRow[i] < 0 && !Double.isNaN(lt) && qty[i] * low * lt < debt[i]) {
          pendingRow[i] = r + cfg.liquidatorLatencyHours();
          boolean historical = qty[i] * bars.low(r) * lt < debt[i];
          generation[i] =
              historical || lastSaleGeneration < 0 || r - lastSaleRow > cascadeWindow
                  ? 0
                  : lastSaleGeneration + 1;
        }
        double hf = qty[i] * close * lt / debt[i];
        if (hf < cfg.warningHealthFactor()) {
          if (!warned[i]) {
            warned[i] = true;
            if (rng.nextDouble() < cfg.reactProbability()) {
              reactRow[i] = r + 1 + rng.nextInt(cfg.maxReactionDelayHours());
            }
          }
        } else {
          warned[i] = false;
        }
        sumDebt += debt[i];
        sumValue += qty[i] * close;
        if (cliffDay) {
          double liqPrice = debt[i] / (qty[i] * lt);
          if (liqPrice <= close && liqPrice > 0.99 * close) {
            cliffDebt += debt[i];
          }
        }
      }
      positionHours += n;
      if (sumValue > 0) {
        ltvSum += sumDebt / sumValue;
        ltvHours++;
      }
      if (cliffDay && sumDebt > 0) {
        cliffSum += cliffDebt / sumDebt;
        cliffDays++;
      }

      // 3. new borrowers at the close, at the max LTV just set
      double maxLtv = Math.min(schedule.maxLtv()[r], schedule.lt()[r]);
      int arrivals = poisson(rng, arrivalsPerHour);
      if (arrivals > 0 && maxLtv > 0 && r + 1 < to) {
        MarketSnapshot market = MarketSnapshot.at(history, r);
        double cap =
            market == null ? 0 : cfg.maxSizeShareOfDailyVolume() * market.dailyQuoteVolume();
        for (int k = 0; k < arrivals && cap > 0; k++) {
          double size =
              Math.min(cap, cfg.medianSizeQuote() * Math.exp(cfg.sizeLogSigma() * gaussian(rng)));
          double share =
              cfg.openLtvShareMin()
                  + (cfg.openLtvShareMax() - cfg.openLtvShareMin()) * rng.nextDouble();
          int hold = 1 + (int) Math.ceil(-cfg.meanHoldHours() * Math.log(1 - rng.nextDouble()));
          add(nextId++, size / close, share * maxLtv * size, r + hold);
          opened++;
          borrowed += share * maxLtv * size;
        }
      }
    }
    // the end of the data: what is open and underwater is bad debt
    if (to > from) {
      double close = bars.close(to - 1) * m;
      for (int i = 0; i < n; i++) {
        double value = qty[i] * close;
        if (value < debt[i]) {
          badDebt += debt[i] - value;
          daily[daily.length - 1] += debt[i] - value;
        }
      }
    }
    n = 0;
    return new AssetRun(
        schedule.policy(),
        symbol,
        seed,
        startDayMs,
        positionHours,
        opened,
        borrowed,
        liquidations,
        partials,
        liquidated,
        penalty,
        badDebt,
        delays,
        topUps,
        ltvHours == 0 ? Double.NaN : ltvSum / ltvHours,
        cliffDays == 0 ? Double.NaN : cliffSum / cliffDays,
        cascade,
        daily,
        events.build());
  }

  private void add(long id, double quantity, double debtQuote, int end) {
    if (n == qty.length) {
      int cap = n * 2;
      qty = Arrays.copyOf(qty, cap);
      debt = Arrays.copyOf(debt, cap);
      endRow = Arrays.copyOf(endRow, cap);
      pendingRow = Arrays.copyOf(pendingRow, cap);
      generation = Arrays.copyOf(generation, cap);
      reactRow = Arrays.copyOf(reactRow, cap);
      warned = Arrays.copyOf(warned, cap);
      ids = Arrays.copyOf(ids, cap);
    }
    qty[n] = quantity;
    debt[n] = debtQuote;
    endRow[n] = end;
    pendingRow[n] = -1;
    generation[n] = 0;
    reactRow[n] = -1;
    warned[n] = false;
    ids[n] = id;
    n++;
  }

  /** Removes slot i by moving the last one into it. */
  private void remove(int i) {
    int last = --n;
    qty[i] = qty[last];
    debt[i] = debt[last];
    endRow[i] = endRow[last];
    pendingRow[i] = pendingRow[last];
    generation[i] = generation[last];
    reactRow[i] = reactRow[last];
    warned[i] = warned[last];
    ids[i] = ids[last];
  }

  /**
   * σ_day of the market for the impact of liquidation sales: the weekly HAR component (daily-scale
   * realised variance over the last week), the daily one while the week is not yet complete.
   */
  static double dailyVolatility(AssetHistory history, int row) {
    double logVar = history.features().value(row, LOG_RV_1W);
    if (!Double.isFinite(logVar)) {
      logVar = history.features().value(row, LOG_RV_1D);
    }
    return Math.sqrt(Math.exp(logVar));
  }

  /** Knuth's Poisson sampler (small means). */
  static int poisson(SplittableRandom rng, double mean) {
    double limit = Math.exp(-mean);
    int k = 0;
    double p = rng.nextDouble();
    while (p > limit) {
      k++;
      p *= rng.nextDouble();
    }
    return k;
  }

  private static double gaussian(SplittableRandom rng) {
    // Box–Muller; one of the pair is enough here
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  /** Growable columns of liquidation events. */
  private static final class EventLog {
    private long[] time = new long[64];
    private double[] repay = new double[64];
    private double[] bad = new double[64];
    private double[] pen = new double[64];
    private boolean[] partial = new boolean[64];
    private double[] price = new double[64];
    private int size;

    void add(long t, double r, double b, double p, boolean part, double px) {
      if (size == time.length) {
        int cap = size * 2;
        time = Arrays.copyOf(time, cap);
        repay = Arrays.copyOf(repay, cap);
        bad = Arrays.copyOf(bad, cap);
        pen = Arrays.copyOf(pen, cap);
        partial = Arrays.copyOf(partial, cap);
        price = Arrays.copyOf(price, cap);
      }
      time[size] = t;
      repay[size] = r;
      bad[size] = b;
      pen[size] = p;
      partial[size] = part;
      price[size] = px;
      size++;
    }

    AssetRun.Events build() {
      return new AssetRun.Events(
          Arrays.copyOf(time, size),
          Arrays.copyOf(repay, size),
          Arrays.copyOf(bad, size),
          Arrays.copyOf(pen, size),
          Arrays.copyOf(partial, size),
          Arrays.copyOf(price, size));
    }
  }
}

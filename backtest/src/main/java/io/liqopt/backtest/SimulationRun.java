package io.liqopt.backtest;

import io.liqopt.core.forecast.AssetHistory;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.policy.AssetRiskConfig;
import io.liqopt.core.policy.MarketSnapshot;
import io.liqopt.core.policy.ResolvedPolicy;
import io.liqopt.core.policy.SquareRootImpact;
import io.liqopt.core.position.LiquidationPlan;
import io.liqopt.core.position.Seizure;
import java.util.SplittableRandom;

/**
 * One run of the {@link Simulator}: the state carried from hour to hour (the impact multiplier m,
 * the parameters in force, the latest liquidation sales of the cascade) and one method per step of
 * an hour, in the order of the class Javadoc of {@link Simulator}. The steps allocate nothing
 * except in the hours a liquidator acts (core's assessor takes a position and thresholds) and when
 * the book grows.
 */
final class SimulationRun {
  /**
   * A liquidation is caused by earlier sales only if they were this recent: the sales of the hour
   * it is flagged in, or of the hour before.
   */
  private static final int CASCADE_WINDOW = 1;

  private final SimulationConfig cfg;
  private final AssetHistory history;
  private final BarSeries bars;
  private final String symbol;
  private final ThresholdSchedule schedule;
  private final AssetRiskConfig rules;
  private final LiquidationPlanner planner;
  private final SplittableRandom rng;
  private final Book book;
  private final RunTally tally;
  private final int from;
  private final int to;
  private final double decay;
  private final double arrivalsPerHour;

  /** The impact multiplier on historical prices (1: none). */
  private double m = 1;

  // the parameters set at the close of the previous hour, carried forward over gaps
  private double lt = Double.NaN;
  // the LT in force the hour before (NaN before the second defined hour): a position the current LT
  // makes liquidatable but this one would not, at the same price, was made so by the change alone
  private double previousLt = Double.NaN;
  private double bonus = Double.NaN;
  private double closeFactor = Double.NaN;
  private double slippage = Double.NaN;
  private double ltv = Double.NaN;

  // the cascade: the generation of the latest liquidation sales and their row
  private int lastSaleGeneration = -1;
  private int lastSaleRow = Integer.MIN_VALUE / 2;

  private long nextId;

  SimulationRun(
      SimulationConfig cfg,
      Book book,
      AssetHistory history,
      ThresholdSchedule schedule,
      ResolvedPolicy risk,
      int from,
      int to,
      long seed) {
    this.cfg = cfg;
    this.book = book;
    this.history = history;
    this.bars = history.series();
    this.symbol = bars.symbol();
    this.schedule = schedule;
    this.rules = risk.forSymbol(symbol);
    this.planner = new LiquidationPlanner(symbol, schedule.policy(), risk);
    this.rng = new SplittableRandom(seed ^ symbol.hashCode() * 0x9E3779B97F4A7C15L);
    this.from = from;
    this.to = to;
    this.decay = Math.pow(0.5, 1 / cfg.impactHalfLifeHours());
    this.arrivalsPerHour = cfg.arrivalsPerDay() / 24;
    this.tally =
        new RunTally(
            to > from ? bars.openTimeMs(from) : 0,
            to > from ? bars.openTimeMs(to - 1) : 0,
            to <= from);
  }

  /** Opens a position before the first hour (tests follow one by hand). */
  void open(double quantity, double debtQuote, int endRow) {
    book.add(nextId++, quantity, debtQuote, endRow);
  }

  /** Simulates every hour, then books what is left open at the end. */
  AssetRun simulate(long seed) {
    for (int r = from; r < to; r++) {
      hour(r);
    }
    closeAtEnd();
    return tally.toRun(schedule.policy(), symbol, seed);
  }

  /** Hour {@code r}: the parameters in force, impact decay, then the three steps. */
  private void hour(int r) {
    takeParameters(r);
    m = 1 - (1 - m) * decay;
    long openMs = bars.openTimeMs(r);
    int day = tally.startHour(openMs);
    if (book.size > 0 && !Double.isNaN(lt)) {
      liquidateAtOpen(r, openMs, day);
    }
    scanBook(r, day);
    openNewPositions(r);
  }

  /** The parameters set at the close of {@code r - 1}, unless the policy had none then. */
  private void takeParameters(int r) {
    previousLt = lt;
    if (r > 0 && !Double.isNaN(schedule.lt(r - 1))) {
      lt = schedule.lt(r - 1);
      bonus = schedule.bonus(r - 1);
      closeFactor = schedule.closeFactor(r - 1);
      slippage = schedule.slippage(r - 1);
      ltv = Math.min(schedule.maxLtv(r - 1), lt);
    }
  }

  /**
   * Step 1: liquidators act at the open on the positions due this hour. The market inputs of a sale
   * are read only in the hours a liquidator acts (most hours have none).
   */
  private void liquidateAtOpen(int r, long openMs, int day) {
    MarketSnapshot market = null;
    double sigmaDay = Double.NaN;
    boolean marketRead = false;
    for (int i = 0; i < book.size; i++) {
      if (book.pendingRow[i] != r) {
        continue;
      }
      if (!marketRead && r > 0) {
        market = MarketSnapshot.at(history, r - 1);
        sigmaDay = Simulator.dailyVolatility(history, r - 1);
        marketRead = true;
      }
      if (liquidate(i, r, openMs, day, market, sigmaDay)) {
        i--;
      }
    }
  }

  /**
   * A liquidator's decision on the position in slot {@code i}: nothing if it recovered, wait if
   * nobody can sell or the bonus does not pay, else liquidate. True when the slot was closed.
   */
  private boolean liquidate(
      int i, int r, long openMs, int day, MarketSnapshot market, double sigmaDay) {
    double price = bars.open(r) * m;
    if (book.qty[i] * price * lt >= book.debt[i]) {
      book.pendingRow[i] = -1; // recovered before anyone acted
      return false;
    }
    if (market == null || !(sigmaDay > 0) || !Double.isFinite(sigmaDay)) {
      book.pendingRow[i] = r + 1; // no volume: nobody can sell, wait
      tally.delay();
      return false;
    }
    MarketSnapshot atPrice = MarketSnapshot.of(symbol, price, market.dailyQuoteVolume(), openMs);
    LiquidationPlan plan = plan(i, openMs, price, sigmaDay, atPrice);
    if (plan == null) {
      book.pendingRow[i] = -1;
      return false;
    }
    double reward = plan.borrowerPenaltyQuote();
    if (!plan.toxicSpiral()
        && reward < plan.expectedSlippageQuote() + cfg.liquidatorFixedCostQuote()) {
      book.pendingRow[i] = r + 1; // not worth it yet
      tally.delay();
      return false;
    }
    return execute(i, r, openMs, day, price, plan, atPrice, sigmaDay);
  }

  /** The plan for slot {@code i} under the parameters in force (null: nothing to liquidate). */
  private LiquidationPlan plan(
      int i, long openMs, double price, double sigmaDay, MarketSnapshot atPrice) {
    return planner.plan(
        book.ids[i],
        book.qty[i],
        book.debt[i],
        openMs,
        price,
        sigmaDay,
        atPrice,
        new LiquidationPlanner.Parameters(lt, ltv, bonus, closeFactor, slippage));
  }

  /**
   * Carries out {@code plan} on slot {@code i}: the totals, the cascade, the permanent impact of
   * the sale on m, and the position closed or reduced. True when the slot was closed.
   */
  private boolean execute(
      int i,
      int r,
      long openMs,
      int day,
      double price,
      LiquidationPlan plan,
      MarketSnapshot atPrice,
      double sigmaDay) {
    double seizedQty = 0;
    double seizedValue = 0;
    for (Seizure s : plan.seizures()) {
      seizedQty += s.quantity();
      seizedValue += s.valueQuote();
    }
    double debt = book.debt[i];
    boolean closed =
        plan.full()
            || plan.toxicSpiral()
            || debt - plan.repayQuote() - plan.badDebtQuote() <= 1e-9 * debt;
    int generation = book.generation[i];
    tally.liquidation(openMs, day, plan, closed, price, generation);
    if (r - lastSaleRow > CASCADE_WINDOW) {
      lastSaleGeneration = generation;
    } else {
      lastSaleGeneration = Math.max(lastSaleGeneration, generation);
    }
    lastSaleRow = r;
    double impact =
        SquareRootImpact.of(atPrice, sigmaDay, rules.execution().impactCoefficient())
            .impactFraction(seizedValue);
    m *= 1 - cfg.permanentImpactShare() * Math.min(impact, 0.5);
    if (closed) {
      book.remove(i);
      return true;
    }
    book.debt[i] -= plan.repayQuote();
    book.qty[i] = Math.max(0, book.qty[i] - seizedQty);
    book.pendingRow[i] = -1;
    return false;
  }

  /**
   * Step 2: every open position through the hour: expiry, a scheduled top-up, liquidatable at the
   * intrabar low, a warning at the close; and the hour's LTV and cliff figures.
   */
  private void scanBook(int r, int day) {
    double lt = this.lt;
    boolean hasLt = !Double.isNaN(lt);
    double low = bars.low(r) * m;
    double close = bars.close(r) * m;
    double sumDebt = 0;
    double sumValue = 0;
    boolean cliffDay = (r - from) % 24 == 23;
    double closeLt = close * lt;
    double warningHf = cfg.warningHealthFactor();
    double cliffDebt = 0;
    // the columns are not reallocated during the scan (only arrivals grow the book)
    double[] qty = book.qty;
    double[] debt = book.debt;
    int[] pendingRow = book.pendingRow;
    for (int i = 0; i < book.size; i++) {
      if (r >= book.endRow[i]) {
        expire(i, close, day);
        i--;
        continue;
      }
      if (book.reactRow[i] == r && pendingRow[i] < 0 && hasLt) {
        topUp(i, close);
      }
      if (pendingRow[i] < 0 && hasLt && qty[i] * low * lt < debt[i]) {
        flagLiquidatable(i, r);
      }
      // HF at the close below the warning level, without a division per position-hour
      warnIfLow(i, r, qty[i] * closeLt < warningHf * debt[i]);
      sumDebt += debt[i];
      sumValue += qty[i] * close;
      if (cliffDay) {
        double liqPrice = debt[i] / (qty[i] * lt);
        if (liqPrice <= close && liqPrice > 0.99 * close) {
          cliffDebt += debt[i];
        }
      }
    }
    tally.hour(book.size, sumDebt, sumValue, cliffDay, cliffDebt);
  }

  /** The position's term is over: repaid, or walked away from and bad debt when underwater. */
  private void expire(int i, double close, int day) {
    double value = book.qty[i] * close;
    if (value < book.debt[i]) {
      tally.badDebt(day, book.debt[i] - value); // nobody liquidated in time
    }
    book.remove(i);
  }

  /** A warned borrower reacts: collateral up to the top-up health factor. */
  private void topUp(int i, double close) {
    double need = cfg.topUpHealthFactor() * book.debt[i] / (lt * close);
    if (need > book.qty[i]) {
      book.qty[i] = need;
      tally.topUp();
    }
    book.reactRow[i] = -1;
  }

  /**
   * Liquidatable at the intrabar low: a liquidator acts after the latency. Generation 0 when the
   * historical low alone made it so, else one more than the recent sales whose impact did. Counted
   * as parameter-induced when the LT of the hour before would not have made it liquidatable at the
   * same (impacted) low: the threshold change, not a price move, did.
   */
  private void flagLiquidatable(int i, int r) {
    book.pendingRow[i] = r + cfg.liquidatorLatencyHours();
    if (book.qty[i] * bars.low(r) * m * previousLt >= book.debt[i]) {
      tally.parameterInduced();
    }
    boolean historical = book.qty[i] * bars.low(r) * lt < book.debt[i];
    book.generation[i] =
        historical || lastSaleGeneration < 0 || r - lastSaleRow > CASCADE_WINDOW
            ? 0
            : lastSaleGeneration + 1;
  }

  /**
   * A warning at the close below the warning HF, once per episode: the borrower reacts with some
   * probability after a random delay.
   */
  private void warnIfLow(int i, int r, boolean low) {
    if (low) {
      if (!book.warned[i]) {
        book.warned[i] = true;
        if (rng.nextDouble() < cfg.reactProbability()) {
          book.reactRow[i] = r + 1 + rng.nextInt(cfg.maxReactionDelayHours());
        }
      }
    } else {
      book.warned[i] = false;
    }
  }

  /** Step 3: new borrowers arrive at the close and open at a share of the max LTV just set. */
  private void openNewPositions(int r) {
    double maxLtv = Math.min(schedule.maxLtv(r), schedule.lt(r));
    int arrivals = Simulator.poisson(rng, arrivalsPerHour);
    if (arrivals > 0 && maxLtv > 0 && r + 1 < to) {
      MarketSnapshot market = MarketSnapshot.at(history, r);
      double cap = market == null ? 0 : cfg.maxSizeShareOfDailyVolume() * market.dailyQuoteVolume();
      double close = bars.close(r) * m;
      for (int k = 0; k < arrivals && cap > 0; k++) {
        double size =
            Math.min(
                cap,
                cfg.medianSizeQuote() * Math.exp(cfg.sizeLogSigma() * Simulator.gaussian(rng)));
        double share =
            cfg.openLtvShareMin()
                + (cfg.openLtvShareMax() - cfg.openLtvShareMin()) * rng.nextDouble();
        int hold = 1 + (int) Math.ceil(-cfg.meanHoldHours() * Math.log(1 - rng.nextDouble()));
        book.add(nextId++, size / close, share * maxLtv * size, r + hold);
        tally.opened(share * maxLtv * size);
      }
    }
  }

  /** The end of the data: what is open and underwater is bad debt (of the last day). */
  private void closeAtEnd() {
    if (to > from) {
      double close = bars.close(to - 1) * m;
      for (int i = 0; i < book.size; i++) {
        double value = book.qty[i] * close;
        if (value < book.debt[i]) {
          tally.badDebt(tally.lastDay(), book.debt[i] - value);
        }
      }
    }
    book.clear();
  }
}

package io.liqopt.core.position;

import io.liqopt.core.Checks;
import io.liqopt.core.policy.SquareRootImpact;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The liquidation queue: the liquidatable positions in order of their risk of bad debt, each with
 * the next slice of its plan, sequenced across positions that share collateral so that the combined
 * sales of one window keep every asset's price impact within its bonus.
 *
 * <ul>
 *   <li><b>Order.</b> By coverage = collateral value / (debt · (1 + bonus)), ascending: below 1 a
 *       full liquidation already leaves bad debt (the toxic spiral), and the closer to it the less
 *       a further fall is absorbed; ties by the larger debt, then the id.
 *   <li><b>Capacity per asset and window.</b> Sales of value Q move the price by k·√Q (the square-
 *       root law, {@link SquareRootImpact}), and combined sales of one window add up: the window
 *       may sell at most min((b/k)², π·V<sub>window</sub>) of the asset, b its bonus (beyond it the
 *       liquidator's discount no longer covers the impact) and π the participation cap of the
 *       window's traded value.
 *   <li><b>Slices.</b> Down the queue, a position's next slice is its plan scaled by the largest f
 *       ≤ 1 that every asset it seizes still has capacity for; what it takes is no longer there for
 *       the positions after it. f = 0: it waits for the next window, and the entry names the asset
 *       it waits on.
 * </ul>
 *
 * Stateless; {@link #of} allocates its answer only.
 */
public final class LiquidationQueue {
  private LiquidationQueue() {}

  /**
   * What one asset can absorb in a window.
   *
   * @param impact its square-root law
   * @param bonus b, the impact limit of the window's combined sales, a fraction
   * @param windowQuoteVolume the value traded in a window, quote currency
   * @param participation π, the largest share of it the liquidations may be, in (0, 1]
   */
  public record AssetCapacity(
      SquareRootImpact impact, double bonus, double windowQuoteVolume, double participation) {
    public AssetCapacity {
      java.util.Objects.requireNonNull(impact, "impact");
      Checks.positiveFinite(bonus, "bonus");
      Checks.nonNegativeFinite(windowQuoteVolume, "windowQuoteVolume");
      Checks.inRange(participation, Double.MIN_VALUE, 1, "participation");
    }

    /** min((b/k)², π·V): the value the window may sell. */
    public double capacityQuote() {
      return Math.min(impact.maxValueForImpact(bonus), participation * windowQuoteVolume);
    }
  }

  /**
   * One position in the queue.
   *
   * @param rank 1 for the first
   * @param coverage collateral value / (debt · (1 + bonus))
   * @param nextSliceFraction f, the share of its plan this window takes
   * @param nextRepayQuote the debt the next slice repays
   * @param nextSeizures the next slice's seizures (value and quantity scaled by f)
   * @param waitingOn the asset whose capacity is exhausted when f &lt; 1, else null
   */
  public record Entry(
      int rank,
      String positionId,
      double healthFactor,
      double coverage,
      double debtQuote,
      double repayQuote,
      boolean toxicSpiral,
      double nextSliceFraction,
      double nextRepayQuote,
      List<Seizure> nextSeizures,
      String waitingOn) {
    public Entry {
      nextSeizures = List.copyOf(nextSeizures);
    }
  }

  /**
   * The queue of the liquidatable assessments among {@code assessments}.
   *
   * @param capacity per asset; an asset without one has no capacity (its positions wait on it)
   */
  public static List<Entry> of(List<Assessment> assessments, Map<String, AssetCapacity> capacity) {
    List<Assessment> due = new ArrayList<>();
    for (Assessment a : assessments) {
      if (a.liquidatable()) {
        due.add(a);
      }
    }
    due.sort(
        Comparator.comparingDouble(LiquidationQueue::coverage)
            .thenComparing(Comparator.comparingDouble(Assessment::debtQuote).reversed())
            .thenComparing(Assessment::positionId));
    Map<String, Double> left = new HashMap<>();
    capacity.forEach((symbol, c) -> left.put(symbol, c.capacityQuote()));
    List<Entry> out = new ArrayList<>(due.size());
    for (Assessment a : due) {
      LiquidationPlan plan = a.liquidation();
      double f = 1;
      String waitingOn = null;
      for (Seizure s : plan.seizures()) {
        if (s.valueQuote() <= 0) {
          continue;
        }
        double room = left.getOrDefault(s.symbol(), 0.0) / s.valueQuote();
        if (room < f) {
          f = Math.max(0, room);
          waitingOn = s.symbol();
        }
      }
      List<Seizure> next = new ArrayList<>(plan.seizures().size());
      for (Seizure s : plan.seizures()) {
        double v = s.valueQuote() * f;
        left.merge(s.symbol(), -v, Double::sum);
        next.add(new Seizure(s.symbol(), v, s.quantity() * f, s.bonus()));
      }
      out.add(
          new Entry(
              out.size() + 1,
              a.positionId(),
              a.healthFactor(),
              coverage(a),
              a.debtQuote(),
              plan.repayQuote(),
              plan.toxicSpiral(),
              f,
              plan.repayQuote() * f,
              next,
              waitingOn));
    }
    return out;
  }

  private static double coverage(Assessment a) {
    return a.collateralValueQuote() / (a.debtQuote() * (1 + a.liquidation().effectiveBonus()));
  }
}

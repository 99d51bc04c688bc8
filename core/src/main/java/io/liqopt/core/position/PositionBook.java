package io.liqopt.core.position;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A book of cross-margin positions (collateral in the held assets, debt in the quote currency) and
 * which of them are liquidatable, kept current as prices and liquidation thresholds move, without
 * re-scanning the whole book on every tick.
 *
 * <p>With w<sub>j</sub> = P<sub>j</sub>·LT<sub>j</sub> the weighted price of asset j, a position's
 * health factor is HF = Σ<sub>j</sub> C<sub>j</sub> w<sub>j</sub> / D, liquidatable when HF &lt; 1.
 *
 * <p><b>The index.</b> At a rebase every position's HF<sub>ref</sub> is computed at the weighted
 * prices of that moment w<sup>ref</sup>, and each asset keeps its holders sorted by
 * HF<sub>ref</sub> (a multi-collateral position sits in the index of each of its assets). HF is a
 * positive combination of its assets' weighted prices with fixed debt, so now HF ≥ HF<sub>ref</sub>
 * · min<sub>j</sub> ρ<sub>j</sub>, ρ<sub>j</sub> = w<sub>j</sub>/w<sub>j</sub><sup>ref</sup>; with
 * ρ the smallest ratio over all assets, a position with HF<sub>ref</sub> ≥ 1/ρ is not liquidatable.
 * A change of asset a's price or LT can therefore change the state only of a's holders with
 * HF<sub>ref</sub> &lt; 1/ρ (a prefix of a's index, found by binary search), of a's holders that
 * are liquidatable now, and of positions written since the rebase (kept apart, always checked). A
 * position found liquidatable at a smallest ratio ρ' has HF<sub>ref</sub> ≤ HF/ρ' &lt; 1/ρ', so the
 * liquidatable holders past the prefix lie in a band of a's index up to 1/ρ<sub>low</sub>,
 * ρ<sub>low</sub> the smallest ρ any change since the rebase ran at (a rebase installed from a plan
 * starts it at 1 / the largest reference HF of the liquidatable positions, which the plan's prices
 * may have left above 1). Those are evaluated exactly; nothing else is touched. The holders under 1
 * / the largest ratio both before and after the change were liquidatable and stay so: they are not
 * even read (on a tick, most of the liquidatable ones). {@link #rebase} runs when ρ has drifted
 * beyond {@link #REBASE_DRIFT} or the positions written since exceed {@link #REBASE_DIRTY_SHARE} of
 * the book; after {@link #deferRebases}, never on a change's path: {@link #rebaseDue} says when one
 * is, and the owner runs it off its lock ({@link RebasePlan}), the changes meanwhile evaluated
 * against the older index (exact still, with a longer prefix). {@link #forEach} visits every
 * position's health factor: the brute-force check of the same state.
 *
 * <p>Not thread-safe: one owner (or a lock). Memory per position: its id, its holdings' asset
 * indexes and quantities, debt and version, and one index entry (an int and a float) per holding.
 */
public final class PositionBook {
  /** Rebase once some asset's weighted price moved more than this since the last rebase. */
  public static final double REBASE_DRIFT = 0.05;

  /** Rebase once more than this share of the book was written since the last rebase. */
  public static final double REBASE_DIRTY_SHARE = 0.01;

  /** What a write did (STALE_VERSION: refused, the book holds this or a newer version). */
  public enum Write {
    CREATED,
    UPDATED,
    STALE_VERSION,
    REMOVED,
    ABSENT
  }

  /** Positions that entered and left the liquidatable set in one change, by id. */
  public record Changes(List<String> entered, List<String> left, int evaluated) {}

  private final String[] assets;
  private final Map<String, Integer> assetIndex = new HashMap<>();
  private final int maxPositions;
  private final WeightedPrices weighted;

  final BookSlots held = new BookSlots(); // read by RebasePlan.copy, under the owner's lock
  private final BitSet liquidatable = new BitSet();
  private final BitSet dirty = new BitSet();
  private int dirtyCount;
  private HolderIndex index;
  private RebasePlan plan; // the rebase begun last and not yet installed, or null
  private boolean deferred; // whether a change never rebases (the owner does, off its lock)

  /**
   * An empty book over {@code assets}, each weighted price w = P·LT given (positive, finite).
   *
   * @param maxPositions the most positions it holds
   */
  public PositionBook(List<String> assets, double[] weightedPrices, int maxPositions) {
    this.assets = assets.toArray(new String[0]);
    for (int i = 0; i < this.assets.length; i++) {
      assetIndex.put(this.assets[i], i);
    }
    if (weightedPrices.length != this.assets.length) {
      throw new IllegalArgumentException("one weighted price per asset is needed");
    }
    this.weighted = new WeightedPrices(weightedPrices);
    this.maxPositions = maxPositions;
    rebase();
  }

  /** The book's assets, in index order. */
  public List<String> assets() {
    return List.of(assets);
  }

  /** Positions held. */
  public int size() {
    return held.slotOf.size();
  }

  /**
   * Creates or replaces position {@code id} at {@code version} (refused when the book holds this or
   * a newer one), and evaluates it.
   *
   * @param symbols its collateral assets, each held by the book, distinct
   * @param quantities their quantities, non-negative and finite
   * @param debtQuote its debt, positive and finite
   * @throws IllegalArgumentException naming a bad field, an unknown asset, or a full book
   */
  public Write put(
      String id, long version, List<String> symbols, double[] quantities, double debtQuote) {
    int[] a = BookInput.assetIndexes(id, symbols, quantities, debtQuote, assetIndex);
    int existing = held.slotOf.get(id);
    if (existing >= 0 && held.versions[existing] >= version) {
      return Write.STALE_VERSION;
    }
    int s;
    if (existing >= 0) {
      s = existing;
    } else {
      if (size() >= maxPositions) {
        throw new IllegalArgumentException("the book is full: " + maxPositions + " positions");
      }
      s = held.add(id);
    }
    held.versions[s] = version;
    held.set(s, a, quantities, debtQuote);
    markDirty(s);
    liquidatable.set(s, hf(s) < 1);
    return existing < 0 ? Write.CREATED : Write.UPDATED;
  }

  /** Removes {@code id}. */
  public Write remove(String id) {
    int s = held.remove(id);
    if (s < 0) {
      return Write.ABSENT;
    }
    liquidatable.clear(s);
    markDirty(s); // its index entries are skipped until the next rebase
    return Write.REMOVED;
  }

  /** The version held of {@code id}, or -1. */
  public long version(String id) {
    int s = held.slotOf.get(id);
    return s < 0 ? -1 : held.versions[s];
  }

  /** The health factor of {@code id} now, or NaN when absent. */
  public double healthFactor(String id) {
    int s = held.slotOf.get(id);
    return s < 0 ? Double.NaN : hf(s);
  }

  /** Whether {@code id} is liquidatable now. */
  public boolean isLiquidatable(String id) {
    int s = held.slotOf.get(id);
    return s >= 0 && liquidatable.get(s);
  }

  /**
   * Asset {@code symbol}'s weighted price (price × LT) is now {@code w}: the positions whose state
   * it can change are evaluated.
   */
  public Changes update(String symbol, double w) {
    Integer a = assetIndex.get(symbol);
    if (a == null) {
      throw new IllegalArgumentException("unknown asset " + symbol);
    }
    double largestBefore = weighted.ratio(false);
    weighted.set(a, w);
    return evaluate(new int[] {a}, largestBefore);
  }

  /**
   * Every asset's weighted price is now {@code w} (by asset index): the positions whose state the
   * assets that moved can change are evaluated, once for all of them.
   */
  public Changes update(double[] w) {
    double largestBefore = weighted.ratio(false);
    return evaluate(weighted.setAll(w), largestBefore);
  }

  /**
   * Evaluates what the assets {@code moved} (their weighted prices set) can have changed; {@code
   * largestBefore}: the largest ratio before they were set.
   */
  private Changes evaluate(int[] moved, double largestBefore) {
    if (!deferred && rebaseDue()) {
      return rebaseAndDiff();
    }
    double rho = weighted.ratio(true);
    double lowest = weighted.evaluatedAt(rho);
    double bound = 1 / rho;
    // HF ≤ hfRef · the largest ratio: a liquidatable position under 1 / that stays liquidatable
    double stays = 1 / weighted.ratio(false);
    // before this change every position not written since the rebase was settled at the prices
    // then, so one with a reference HF under 1 / the largest ratio then was liquidatable; under 1 /
    // the largest ratio now it stays so: below both, nothing to look at (with room for rounding)
    double settled = Math.min(stays, 1 / largestBefore) * (1 - 1e-9);
    List<String> entered = new ArrayList<>();
    List<String> left = new ArrayList<>();
    int evaluated = 0;
    for (int a : moved) {
      evaluated += scan(a, bound, stays, settled, lowest, entered, left);
    }
    for (int s = dirty.nextSetBit(0); s >= 0 && moved.length > 0; s = dirty.nextSetBit(s + 1)) {
      if (held.ids[s] != null && BookSlots.holdsAny(held.packed[s], moved)) {
        evaluated++;
        settle(s, entered, left);
      }
    }
    return new Changes(entered, left, evaluated);
  }

  /**
   * Settles asset a's holders that can have crossed: those with a reference HF under the bound
   * (less the liquidatable ones that surely stay so, not even looked at under {@code settled}), and
   * the liquidatable ones in the band above it; the number evaluated.
   */
  private int scan(
      int a,
      double bound,
      double stays,
      double settled,
      double lowest,
      List<String> entered,
      List<String> left) {
    int evaluated = 0;
    int[] holders = index.holders(a);
    int end = index.below(a, bound);
    int staying = index.surelyBelow(a, Math.min(stays, bound)); // by ascending reference HF
    for (int k = index.surelyBelow(a, Math.min(settled, bound)); k < end; k++) {
      int s = holders[k];
      if (!dirty.get(s) && (k >= staying || !liquidatable.get(s))) {
        evaluated++;
        settle(s, entered, left);
      }
    }
    // a liquidatable holder at or above the bound may leave; it was settled at HF < 1 at a ratio of
    // at least lowest, so its reference HF is below 1 / lowest (with room for rounding)
    int band = index.below(a, 1 / lowest * (1 + 1e-9));
    for (int k = end; k < band; k++) {
      int s = holders[k];
      if (liquidatable.get(s) && !dirty.get(s)) {
        evaluated++;
        settle(s, entered, left);
      }
    }
    return evaluated;
  }

  /** The first {@code max} ids the book says are liquidatable, in slot order, then sorted. */
  public List<String> liquidatable(int max) {
    List<String> out = new ArrayList<>(Math.min(max, liquidatable.cardinality()));
    for (int s = liquidatable.nextSetBit(0); s >= 0 && out.size() < max; ) {
      out.add(held.ids[s]);
      s = liquidatable.nextSetBit(s + 1);
    }
    out.sort(null);
    return out;
  }

  /** How many positions are liquidatable now. */
  public int liquidatableCount() {
    return liquidatable.cardinality();
  }

  /**
   * Visits every position with its debt, its collateral value at {@code prices} (quote currency per
   * unit, by asset index) and its health factor now.
   */
  public void forEach(double[] prices, PositionVisitor visitor) {
    for (int s = 0; s < held.count; s++) {
      if (held.ids[s] != null) {
        // the collateral valued at the prices given (the HF's sum, before the debt)
        double[] p = held.packed[s];
        visitor.visit(held.ids[s], p[0], BookSlots.collateral(p, prices), hf(s));
      }
    }
  }

  /** Visits every position's stored fields (what a snapshot holds; arrays: read only). */
  public void forEachStored(StoredVisitor v) {
    held.forEachStored(v);
  }

  /** Visits the stored fields of {@code id} (arrays: read only); false when the book lacks it. */
  public boolean stored(String id, StoredVisitor v) {
    int s = held.slotOf.get(id);
    if (s >= 0) {
      held.visit(s, v, new BookSlots.Scratch());
    }
    return s >= 0;
  }

  /** Recomputes every reference HF at the current weighted prices and rebuilds the indexes. */
  public void rebase() {
    RebasePlan p = startRebase();
    p.copy(this, Integer.MAX_VALUE);
    p.build();
    install(p);
  }

  /**
   * From now on a change never rebases the book on its path, however far the prices drifted: the
   * owner asks {@link #rebaseDue} after its changes and runs a {@link RebasePlan} off its lock.
   */
  public void deferRebases() {
    deferred = true;
  }

  /** Whether the prices drifted, or enough positions were written, for a rebase to be due. */
  public boolean rebaseDue() {
    if (dirtyCount > Math.max(16, REBASE_DIRTY_SHARE * size())) {
      return true;
    }
    return weighted.drifted(REBASE_DRIFT);
  }

  /**
   * Begins a rebase at the weighted prices now (see {@link RebasePlan}); a plan begun before is
   * discarded.
   */
  public RebasePlan startRebase() {
    plan = new RebasePlan(weighted.now, held.count);
    return plan;
  }

  /**
   * Installs {@code p}, built, as the book's reference and index; false (nothing changed) when
   * another plan began after it. The liquidatable positions not written since its start keep their
   * place in the band the changes check: each one's reference HF is below 1 / ρ<sub>low</sub>.
   */
  public boolean install(RebasePlan p) {
    if (p != plan || p.index == null) {
      return false;
    }
    plan = null;
    double worst = 0;
    for (int s = liquidatable.nextSetBit(0); s >= 0; s = liquidatable.nextSetBit(s + 1)) {
      double h = p.referenceHf(s);
      worst = h > worst ? h : worst; // NaN (written since: dirty) is skipped
    }
    index = p.index;
    weighted.rebaseTo(p.ref, Math.min(1, 1 / worst));
    dirty.clear();
    dirty.or(p.written);
    dirtyCount = dirty.cardinality();
    return true;
  }

  /** Forgets {@code p} if it is the plan begun last (a failed build: its arrays are let go). */
  public void abandon(RebasePlan p) {
    if (p == plan) {
      plan = null;
    }
  }

  private Changes rebaseAndDiff() {
    List<String> entered = new ArrayList<>();
    List<String> left = new ArrayList<>();
    int evaluated = 0;
    for (int s = 0; s < held.count; s++) {
      if (held.ids[s] != null) {
        evaluated++;
        settle(s, entered, left);
      }
    }
    rebase();
    return new Changes(entered, left, evaluated);
  }

  private void settle(int s, List<String> entered, List<String> left) {
    boolean now = hf(s) < 1;
    if (now != liquidatable.get(s)) {
      liquidatable.set(s, now);
      (now ? entered : left).add(held.ids[s]);
    }
  }

  private double hf(int s) {
    return held.hf(s, weighted.now);
  }

  private void markDirty(int s) {
    if (plan != null) {
      plan.written.set(s); // dirty after the plan's install too
    }
    if (!dirty.get(s)) {
      dirty.set(s);
      dirtyCount++;
    }
  }
}

package io.liqopt.core.position;

import java.util.BitSet;

/**
 * A rebase of a {@link PositionBook} prepared off its owner's lock: at 1 000 000 positions a rebase
 * takes a few hundred milliseconds, which a tick must not wait for. Three steps:
 *
 * <ol>
 *   <li>{@link #copy}, under the owner's lock, a chunk at a time: each slot's id, holdings and debt
 *       as they are, by reference (a write replaces a slot's arrays, never changes them);
 *   <li>{@link #build}, on any one thread, with no lock: each copied slot's reference health factor
 *       at the weighted prices of the plan's start ({@link PositionBook#startRebase}), and the
 *       index;
 *   <li>{@link PositionBook#install}, under the lock: the index and those prices become the book's
 *       reference. The slots written since the start (a put or a remove, before or after their
 *       chunk was copied) stay dirty, checked on every change, as between rebases.
 * </ol>
 *
 * <p>Until the install the book keeps its index and stays exact. A plan is discarded when another
 * began after it ({@link PositionBook#rebase} runs one too).
 */
public final class RebasePlan {
  final double[] ref;
  final int slots;
  final BitSet written = new BitSet();
  private final int assets;
  private String[] ids;
  private double[][] packed;
  private int copied;
  double[] hfRef;
  HolderIndex index;

  /**
   * A plan at weighted prices {@code ref} over the first {@code slots} slots: nothing allocated.
   */
  RebasePlan(double[] ref, int slots) {
    this.ref = ref.clone();
    this.assets = ref.length;
    this.slots = slots;
  }

  /**
   * Allocates the copy's arrays (tens of megabytes at 1 000 000 positions): call it off the owner's
   * lock before the first {@link #copy}, which otherwise allocates them under it.
   */
  public void prepare() {
    if (ids == null) {
      ids = new String[slots];
      packed = new double[slots][];
    }
  }

  /**
   * Copies the next {@code max} slots of {@code book} (under the book owner's lock); whether every
   * slot is copied.
   */
  public boolean copy(PositionBook book, int max) {
    prepare();
    int to = (int) Math.min(slots, (long) copied + Math.max(1, max));
    book.held.copy(copied, to, ids, packed);
    copied = to;
    return copied == slots;
  }

  /** Computes the reference health factors and the index (after the last {@link #copy}). */
  public void build() {
    if (copied < slots) {
      throw new IllegalStateException("copied " + copied + " of " + slots + " slots");
    }
    double[] hf = new double[slots];
    for (int s = 0; s < slots; s++) {
      if (ids[s] != null) {
        hf[s] = BookSlots.hf(packed[s], ref);
      }
    }
    index = HolderIndex.build(assets, slots, ids, packed, hf);
    hfRef = hf;
  }

  /** The reference HF of slot {@code s} when the plan computed it (not written since), else NaN. */
  double referenceHf(int s) {
    return s < slots && !written.get(s) && hfRef != null ? hfRef[s] : Double.NaN;
  }
}

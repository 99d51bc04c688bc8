package io.liqopt.serving.book;

import java.util.ArrayList;
import java.util.List;

/**
 * The book at a glance: debt and collateral by health-factor bucket, and the liquidation cliff.
 *
 * <p>The cliff at a fall s is the debt of the positions not liquidatable now that a further uniform
 * fall of every collateral price by s makes liquidatable: HF ≥ 1 and HF·(1 − s) &lt; 1 (HF is
 * linear in the prices at fixed debt and thresholds), cumulative in s.
 *
 * @param positions positions held
 * @param liquidatable those with HF &lt; 1
 * @param debtQuote their total debt, quote currency
 * @param collateralQuote their total collateral value at the book's prices, quote currency
 * @param buckets by ascending health factor
 * @param cliff by ascending fall
 */
public record BookSummary(
    int positions,
    int liquidatable,
    double debtQuote,
    double collateralQuote,
    List<Bucket> buckets,
    List<Cliff> cliff) {

  /** The lower edges of the health-factor buckets; the last is open above. */
  static final double[] BUCKET_EDGES = {0, 1, 1.05, 1.1, 1.25, 1.5, 2};

  /** The uniform falls of the cliff. */
  static final double[] FALLS = {0.01, 0.05, 0.10};

  public BookSummary {
    buckets = List.copyOf(buckets);
    cliff = List.copyOf(cliff);
  }

  /**
   * Positions with fromHealthFactor ≤ HF &lt; toHealthFactor.
   *
   * @param toHealthFactor null for the open last bucket
   */
  public record Bucket(
      double fromHealthFactor,
      Double toHealthFactor,
      int positions,
      double debtQuote,
      double collateralQuote) {}

  /**
   * What a further uniform fall of every collateral price by {@code fall} makes liquidatable.
   *
   * @param fall the fall, e.g. 0.05 for −5 %
   */
  public record Cliff(double fall, int positions, double debtQuote, double collateralQuote) {}

  /** Sums positions one at a time ({@link io.liqopt.core.position.PositionBook#forEach}). */
  static final class Builder {
    private int positions;
    private int liquidatable;
    private double debt;
    private double collateral;
    private final int[] bucketCount = new int[BUCKET_EDGES.length];
    private final double[] bucketDebt = new double[BUCKET_EDGES.length];
    private final double[] bucketCollateral = new double[BUCKET_EDGES.length];
    private final int[] cliffCount = new int[FALLS.length];
    private final double[] cliffDebt = new double[FALLS.length];
    private final double[] cliffCollateral = new double[FALLS.length];

    void add(String id, double debtQuote, double collateralQuote, double healthFactor) {
      positions++;
      debt += debtQuote;
      collateral += collateralQuote;
      int b = BUCKET_EDGES.length - 1;
      while (b > 0 && healthFactor < BUCKET_EDGES[b]) {
        b--;
      }
      bucketCount[b]++;
      bucketDebt[b] += debtQuote;
      bucketCollateral[b] += collateralQuote;
      if (healthFactor < 1) {
        liquidatable++;
        return;
      }
      for (int k = 0; k < FALLS.length; k++) {
        if (healthFactor * (1 - FALLS[k]) < 1) {
          cliffCount[k]++;
          cliffDebt[k] += debtQuote;
          cliffCollateral[k] += collateralQuote;
        }
      }
    }

    BookSummary build() {
      List<Bucket> buckets = new ArrayList<>();
      for (int b = 0; b < BUCKET_EDGES.length; b++) {
        buckets.add(
            new Bucket(
                BUCKET_EDGES[b],
                b + 1 < BUCKET_EDGES.length ? BUCKET_EDGES[b + 1] : null,
                bucketCount[b],
                bucketDebt[b],
                bucketCollateral[b]));
      }
      List<Cliff> cliff = new ArrayList<>();
      for (int k = 0; k < FALLS.length; k++) {
        cliff.add(new Cliff(FALLS[k], cliffCount[k], cliffDebt[k], cliffCollateral[k]));
      }
      return new BookSummary(positions, liquidatable, debt, collateral, buckets, cliff);
    }
  }
}

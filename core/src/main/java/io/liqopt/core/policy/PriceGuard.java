package io.liqopt.core.policy;

import io.liqopt.core.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The oracle guard: several price sources in, one robust price out, or a refusal.
 *
 * <ol>
 *   <li>sources older than {@code maxAgeHours} are dropped, and so are sources stamped more than
 *       {@link #MAX_CLOCK_SKEW_MS} after {@code now} (a price from the future is a broken clock or
 *       a forged stamp, and would otherwise count as the freshest);
 *   <li>m = the median of the remaining prices;
 *   <li>sources with {@code |p / m − 1| > band} are dropped as outliers;
 *   <li>fewer than {@code minAgreeing} left: refused ({@link PriceRefusedException}); otherwise the
 *       price is the median of those left.
 * </ol>
 *
 * A median tolerates up to half the sources being manipulated (breakdown point 1/2), which a mean
 * does not: the point of the seed's oracle-robustness advice.
 *
 * @param bandFraction the largest accepted relative deviation from the median, in (0, 1)
 * @param minAgreeing the fewest agreeing sources for a price, at least 1
 * @param maxAgeHours sources older than this are dropped, hours, positive
 */
public record PriceGuard(double bandFraction, int minAgreeing, double maxAgeHours) {
  /** How far after {@code now} a source may be stamped (clock skew between hosts), ms. */
  public static final long MAX_CLOCK_SKEW_MS = 5_000;

  public PriceGuard {
    if (!(bandFraction > 0 && bandFraction < 1)) {
      throw new IllegalArgumentException("bandFraction must be in (0, 1), was " + bandFraction);
    }
    Checks.positive(minAgreeing, "minAgreeing");
    Checks.positiveFinite(maxAgeHours, "maxAgeHours");
  }

  /** The guard configured for one asset (band, minimum sources, input age limit). */
  public static PriceGuard of(AssetRiskConfig config) {
    OracleGuardConfig g = config.oracleGuard();
    return new PriceGuard(g.priceBandFraction(), g.minAgreeingSources(), g.maxInputAgeHours());
  }

  /**
   * The guarded price of {@code sources} at {@code now}.
   *
   * @throws PriceRefusedException when fewer than {@code minAgreeing} fresh sources agree
   */
  public GuardedPrice price(List<PriceSource> sources, Instant now) {
    List<Reason> reasons = new ArrayList<>();
    List<PriceSource> fresh = fresh(sources, now.toEpochMilli(), reasons);
    if (fresh.size() < minAgreeing) {
      throw new PriceRefusedException(
          "price refused: "
              + fresh.size()
              + " fresh source(s) of "
              + sources.size()
              + ", at least "
              + minAgreeing
              + " needed; dropped: "
              + reasons);
    }
    double m = median(fresh);
    List<PriceSource> agreeing = agreeing(fresh, m, reasons);
    if (agreeing.size() < minAgreeing) {
      throw new PriceRefusedException(
          "price refused: only "
              + agreeing.size()
              + " source(s) within "
              + bandFraction
              + " of the median "
              + m
              + ", at least "
              + minAgreeing
              + " needed");
    }
    double price = median(agreeing);
    // unmodifiable: the median's reason holds it and is formatted only when read
    List<String> names = agreeing.stream().map(PriceSource::name).toList();
    reasons.add(
        0,
        Reason.formatted(
            ReasonCode.PRICE_MEDIAN,
            "median of %d source(s) %s = %.8g",
            agreeing.size(),
            names,
            price));
    return new GuardedPrice(price, names, reasons);
  }

  /** The sources neither stamped in the future nor older than the age limit; each drop a reason. */
  private List<PriceSource> fresh(List<PriceSource> sources, long nowMs, List<Reason> reasons) {
    List<PriceSource> fresh = new ArrayList<>(sources.size());
    for (PriceSource s : sources) {
      double ageHours = (nowMs - s.asOfEpochMs()) / 3_600_000d;
      if (s.asOfEpochMs() - nowMs > MAX_CLOCK_SKEW_MS) {
        reasons.add(
            Reason.formatted(
                ReasonCode.PRICE_SOURCE_FUTURE,
                "%s is stamped %d ms after now, tolerance %d ms",
                s.name(),
                s.asOfEpochMs() - nowMs,
                MAX_CLOCK_SKEW_MS));
      } else if (ageHours > maxAgeHours) {
        reasons.add(
            Reason.formatted(
                ReasonCode.PRICE_SOURCE_STALE,
                "%s is %.2f h old, limit %.2f h",
                s.name(),
                ageHours,
                maxAgeHours));
      } else {
        fresh.add(s);
      }
    }
    return fresh;
  }

  /** The sources within the band around the median {@code m}; each outlier a reason. */
  private List<PriceSource> agreeing(List<PriceSource> fresh, double m, List<Reason> reasons) {
    List<PriceSource> agreeing = new ArrayList<>(fresh.size());
    for (PriceSource s : fresh) {
      double dev = Math.abs(s.priceQuote() / m - 1);
      if (dev > bandFraction) {
        reasons.add(
            Reason.formatted(
                ReasonCode.PRICE_SOURCE_OUTLIER,
                "%s at %.8g is %.4g from the median %.8g, band %.4g",
                s.name(),
                s.priceQuote(),
                dev,
                m,
                bandFraction));
      } else {
        agreeing.add(s);
      }
    }
    return agreeing;
  }

  private static double median(List<PriceSource> sources) {
    double[] p = new double[sources.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = sources.get(i).priceQuote();
    }
    Arrays.sort(p);
    int n = p.length;
    return n % 2 == 1 ? p[n / 2] : 0.5 * (p[n / 2 - 1] + p[n / 2]);
  }
}

package io.liqopt.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live price of one asset from several streaming sources: each source's latest quote and its
 * health, and one guarded price, refused rather than guessed.
 *
 * <ol>
 *   <li>A quote that is not a positive finite price, is stamped more than {@link
 *       PriceGuard#MAX_CLOCK_SKEW_MS} in the future, or is older than its source's latest (out of
 *       order) is refused and counted; a repeat of the latest (same time and price) is a duplicate,
 *       counted and ignored.
 *   <li>A source is <b>stale</b> when its latest quote is older than {@code maxQuoteAgeMs}, and
 *       <b>frozen</b> when it has sent the same price {@code freezeRepeats} times in a row (a feed
 *       stuck on one value keeps sending fresh stamps); neither counts towards the price.
 *   <li>Over the healthy sources, {@link PriceGuard}: the median, sources further than {@code
 *       bandFraction} from it dropped, fewer than {@code minAgreeing} left: no price.
 *   <li><b>The TWAP band.</b> That median enters a time-weighted average over the last {@code
 *       twapWindowMs}; a median further than {@code twapBandFraction} from the average of the
 *       window before it is refused (all sources jumping together for a moment, e.g. one venue
 *       feeding the others). The average follows the raw medians, not the accepted prices, so a
 *       move that lasts is accepted once the average has followed it within the band; until then
 *       the asset keeps its last price and goes stale.
 * </ol>
 *
 * The asset is <b>stale</b> when it has no accepted price younger than {@code maxQuoteAgeMs}; the
 * threshold side then goes conservative, as with stale bars. Not thread-safe: one owner (or a lock)
 * per asset. Memory is bounded: at most {@link #MAX_SOURCES} sources and {@link #MAX_SEGMENTS} TWAP
 * segments (older segments are merged).
 */
public final class LivePriceGuard {
  /** The most sources one asset tracks; quotes of a further source are refused. */
  public static final int MAX_SOURCES = 16;

  /** The most TWAP segments kept; beyond it the two oldest are merged. */
  public static final int MAX_SEGMENTS = 4096;

  /**
   * The guard's settings.
   *
   * @param bandFraction the largest deviation of a source from the median, in (0, 1)
   * @param minAgreeing the fewest agreeing healthy sources for a price, at least 1
   * @param maxQuoteAgeMs a source (and the asset's price) older than this is stale, ms, positive
   * @param freezeRepeats this many identical prices in a row freeze a source, at least 2
   * @param twapBandFraction the largest deviation of the median from the TWAP, in (0, 1)
   * @param twapWindowMs the TWAP's window, ms, positive
   */
  public record Settings(
      double bandFraction,
      int minAgreeing,
      long maxQuoteAgeMs,
      int freezeRepeats,
      double twapBandFraction,
      long twapWindowMs) {
    /** Defaults: 2 % band, 2 sources, 60 s age, 120 repeats, 25 % from a 60 min TWAP. */
    public static final Settings DEFAULTS = new Settings(0.02, 2, 60_000, 120, 0.25, 3_600_000);

    public Settings {
      if (!(bandFraction > 0 && bandFraction < 1)) {
        throw new IllegalArgumentException("bandFraction must be in (0, 1), was " + bandFraction);
      }
      if (!(twapBandFraction > 0 && twapBandFraction < 1)) {
        throw new IllegalArgumentException(
            "twapBandFraction must be in (0, 1), was " + twapBandFraction);
      }
      if (minAgreeing < 1 || maxQuoteAgeMs <= 0 || freezeRepeats < 2 || twapWindowMs <= 0) {
        throw new IllegalArgumentException(
            "minAgreeing ≥ 1, maxQuoteAgeMs > 0, freezeRepeats ≥ 2 and twapWindowMs > 0 needed");
      }
    }
  }

  /** What became of a quote. */
  public enum Verdict {
    /** Taken; the asset's price is now {@link Outcome#price()} (NaN when there is none yet). */
    ACCEPTED,
    /** Taken into its source, but the asset has no price: too few healthy agreeing sources. */
    NO_QUORUM,
    /** Taken into its source, but the median was outside the TWAP band: the price is unchanged. */
    TWAP_BAND,
    /** Not a positive finite price, or from one source too many. */
    INVALID,
    /** Stamped in the future. */
    FUTURE,
    /** Older than its source's latest quote. */
    OUT_OF_ORDER,
    /** The same time and price as its source's latest quote. */
    DUPLICATE
  }

  /**
   * The outcome of a quote or a sweep.
   *
   * @param verdict what became of it
   * @param price the asset's price after it (NaN: none yet)
   * @param changed whether the asset's price or staleness changed
   * @param detail a one-line explanation
   */
  public record Outcome(Verdict verdict, double price, boolean changed, String detail) {}

  /**
   * One source as the guard sees it now.
   *
   * @param accepted quotes taken into the source
   * @param outliers its quotes dropped from the median for lying outside the band
   * @param refused quotes refused, by verdict
   */
  public record SourceView(
      String name,
      String state,
      double lastPrice,
      long lastQuoteMs,
      int repeats,
      long accepted,
      long outliers,
      Map<Verdict, Long> refused) {
    public SourceView {
      refused = Map.copyOf(refused);
    }
  }

  private static final class Source {
    final String name;
    double price = Double.NaN;
    long quoteMs = Long.MIN_VALUE;
    int repeats;
    long accepted;
    long outliers;
    final Map<Verdict, Long> refused = new LinkedHashMap<>();

    Source(String name) {
      this.name = name;
    }
  }

  private final String symbol;
  private final Settings settings;
  private final Map<String, Source> sources = new LinkedHashMap<>();
  private final TwapWindow twap;
  private double price = Double.NaN;
  private long priceMs = Long.MIN_VALUE;
  private boolean stale = true;
  private String lastRefusal;
  private List<String> agreeing = List.of();

  public LivePriceGuard(String symbol, Settings settings) {
    this.symbol = symbol;
    this.settings = settings;
    this.twap = new TwapWindow(settings.twapWindowMs(), MAX_SEGMENTS);
  }

  /** Offers one quote of {@code source} stamped {@code quoteMs}, received at {@code nowMs}. */
  public Outcome offer(String source, double quote, long quoteMs, long nowMs) {
    Source s = sources.get(source);
    if (s == null) {
      if (sources.size() >= MAX_SOURCES) {
        return new Outcome(Verdict.INVALID, price, false, "more than " + MAX_SOURCES + " sources");
      }
      s = new Source(source);
      sources.put(source, s);
    }
    Verdict refusedAs = check(s, quote, quoteMs, nowMs);
    if (refusedAs != null) {
      s.refused.merge(refusedAs, 1L, Long::sum);
      return new Outcome(refusedAs, price, false, source + ": " + refusedAs);
    }
    s.repeats = quote == s.price ? s.repeats + 1 : 1;
    s.price = quote;
    s.quoteMs = quoteMs;
    s.accepted++;
    agreeing = List.of();
    Outcome o = recompute(nowMs);
    if (!agreeing.isEmpty() && !agreeing.contains(source) && state(s, nowMs).equals("healthy")) {
      s.outliers++;
    }
    return o;
  }

  /** Re-evaluates health at {@code nowMs} without a quote (sources and the price age). */
  public Outcome sweep(long nowMs) {
    return recompute(nowMs);
  }

  /** The asset's price (NaN: none yet). */
  public double price() {
    return price;
  }

  /** When the price was last accepted (epoch ms; {@code Long.MIN_VALUE}: never). */
  public long priceMs() {
    return priceMs;
  }

  /** Whether the asset has no accepted price younger than the age limit (as of the last call). */
  public boolean stale() {
    return stale;
  }

  /** Why the last price was refused, or null. */
  public String lastRefusal() {
    return lastRefusal;
  }

  /** The symbol. */
  public String symbol() {
    return symbol;
  }

  /** Every source as of {@code nowMs}. */
  public List<SourceView> sources(long nowMs) {
    List<SourceView> out = new ArrayList<>(sources.size());
    for (Source s : sources.values()) {
      out.add(
          new SourceView(
              s.name,
              state(s, nowMs),
              s.price,
              s.quoteMs,
              s.repeats,
              s.accepted,
              s.outliers,
              s.refused));
    }
    return out;
  }

  /** The TWAP of the medians over the window ending at {@code nowMs}, NaN without one. */
  public double twap(long nowMs) {
    return twap.at(nowMs);
  }

  private Verdict check(Source s, double quote, long quoteMs, long nowMs) {
    if (!(quote > 0) || !Double.isFinite(quote)) {
      return Verdict.INVALID;
    }
    if (quoteMs - nowMs > PriceGuard.MAX_CLOCK_SKEW_MS) {
      return Verdict.FUTURE;
    }
    if (quoteMs < s.quoteMs) {
      return Verdict.OUT_OF_ORDER;
    }
    if (quoteMs == s.quoteMs && quote == s.price) {
      return Verdict.DUPLICATE;
    }
    return null;
  }

  private String state(Source s, long nowMs) {
    if (nowMs - s.quoteMs > settings.maxQuoteAgeMs()) {
      return "stale";
    }
    return s.repeats >= settings.freezeRepeats() ? "frozen" : "healthy";
  }

  private Outcome recompute(long nowMs) {
    boolean wasStale = stale;
    double before = price;
    List<PriceSource> healthy = new ArrayList<>(sources.size());
    for (Source s : sources.values()) {
      if (state(s, nowMs).equals("healthy")) {
        healthy.add(new PriceSource(s.name, s.price, Math.min(s.quoteMs, nowMs)));
      }
    }
    Verdict verdict;
    String detail;
    double ageHours = settings.maxQuoteAgeMs() / 3_600_000d;
    PriceGuard guard = new PriceGuard(settings.bandFraction(), settings.minAgreeing(), ageHours);
    GuardedPrice g = null;
    try {
      g = guard.price(healthy, java.time.Instant.ofEpochMilli(nowMs));
    } catch (PriceRefusedException e) {
      lastRefusal = e.getMessage();
    }
    if (g == null) {
      verdict = Verdict.NO_QUORUM;
      detail = lastRefusal;
    } else {
      agreeing = g.agreeing();
      double median = g.priceQuote();
      double twap = this.twap.at(nowMs);
      this.twap.record(median, nowMs);
      if (Double.isFinite(twap) && Math.abs(median / twap - 1) > settings.twapBandFraction()) {
        verdict = Verdict.TWAP_BAND;
        lastRefusal =
            String.format(
                Locale.ROOT,
                "%s median %.8g is %.3g from the %d min TWAP %.8g, band %.3g",
                symbol,
                median,
                Math.abs(median / twap - 1),
                settings.twapWindowMs() / 60_000,
                twap,
                settings.twapBandFraction());
        detail = lastRefusal;
      } else {
        verdict = Verdict.ACCEPTED;
        price = median;
        priceMs = nowMs;
        detail = g.agreeing().size() + " source(s) agree";
      }
    }
    stale = priceMs == Long.MIN_VALUE || nowMs - priceMs > settings.maxQuoteAgeMs();
    boolean changed = stale != wasStale || Double.compare(before, price) != 0;
    return new Outcome(verdict, price, changed, detail);
  }
}

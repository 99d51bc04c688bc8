package io.liqopt.serving.api;

import io.liqopt.core.market.BarInterval;
import io.liqopt.core.market.BarRejectedException;
import io.liqopt.core.market.BarSeries;
import io.liqopt.core.market.BarSeriesBuilder;
import io.liqopt.core.market.EpochTime;
import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.position.Position;
import io.liqopt.store.MarketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The request bodies, as the client writes them: every field boxed so that a missing one is told
 * apart from a zero, and each checked with a field-level message by its {@code validate} method
 * before anything reaches core.
 */
public final class Requests {
  /** Prices above this (quote currency per unit) are refused as absurd. */
  public static final double MAX_PRICE = 1e12;

  /** Quantities, volumes and debts above this are refused as absurd. */
  public static final double MAX_AMOUNT = 1e18;

  private Requests() {}

  /**
   * One hourly bar.
   *
   * @param openTimeMs open time, UTC epoch milliseconds, on the hour
   * @param quoteVolume traded value in the quote currency; optional
   */
  public record BarIn(
      Long openTimeMs,
      Double open,
      Double high,
      Double low,
      Double close,
      Double volume,
      Double quoteVolume) {}

  /**
   * New bars of one series.
   *
   * @param symbol e.g. BTCUSDT
   * @param interval only {@code 1h}; optional
   * @param bars in strictly increasing open time, all after the last stored bar
   */
  public record SeriesIn(String symbol, String interval, List<BarIn> bars) {}

  /** {@code POST /v1/market/bars}: new bars of one or more series. */
  public record IngestRequest(List<SeriesIn> series) {}

  /**
   * {@code POST /v1/thresholds}.
   *
   * @param symbols the assets wanted
   * @param bars optional recent hourly bars by symbol, for assets the service does not hold (at
   *     least enough for the features' longest window, 30 days)
   */
  public record ThresholdsRequest(List<String> symbols, Map<String, List<BarIn>> bars) {}

  /**
   * One collateral holding.
   *
   * @param priceQuote the price to value it at; optional, the service's last price when absent
   */
  public record HoldingIn(String symbol, Double quantity, Double priceQuote) {}

  /** One position. */
  public record PositionIn(
      String id, List<HoldingIn> collateral, String debtAsset, Double debtQuote) {}

  /** {@code POST /v1/positions/assess}: one {@code position} or a batch of {@code positions}. */
  public record AssessRequest(PositionIn position, List<PositionIn> positions) {}

  /**
   * {@code POST /v1/positions/stress}: one position and the simulation asked for.
   *
   * @param position the position (its collateral must be assets the service holds)
   * @param hours H, the horizon in hours, 1..168; optional, 24
   * @param paths simulated paths, 1..the server's limit (100 000 by default); optional, 20 000
   * @param levels the VaR/ES levels, each in (0.5, 1); optional, [0.99, 0.999]
   * @param seed the seed of the simulation (the same seed, snapshot and request give the same
   *     answer); optional, 42
   */
  public record StressRequest(
      PositionIn position, Integer hours, Integer paths, List<Double> levels, Long seed) {}

  /** A checked stress request. */
  record Stress(Position position, int hours, int paths, double[] levels, long seed) {}

  /** The horizons a stress request may ask for. */
  static final int MAX_STRESS_HOURS = 168;

  /** Defaults of a stress request. */
  static final int DEFAULT_STRESS_HOURS = 24;

  static final int DEFAULT_STRESS_PATHS = 20_000;
  static final long DEFAULT_STRESS_SEED = 42;
  static final List<Double> DEFAULT_STRESS_LEVELS = List.of(0.99, 0.999);

  /** Collects field errors; {@link #check()} throws them all at once. */
  static final class Fields {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
      if (errors.size() < 100) {
        errors.add(new Problem.FieldError(field, message));
      }
    }

    boolean ok() {
      return errors.isEmpty();
    }

    void check() {
      if (!errors.isEmpty()) {
        throw ApiException.invalid(errors);
      }
    }

    // The field's path is prefix + leaf, joined only when there is an error to report: a batch
    // of 10 000 valid positions then builds no path strings at all.

    <T> T required(T value, String field) {
      return required(value, field, "");
    }

    <T> T required(T value, String prefix, String leaf) {
      if (value == null) {
        add(prefix + leaf, "missing");
      }
      return value;
    }

    String symbol(String value, String field) {
      return symbol(value, field, "");
    }

    String symbol(String value, String prefix, String leaf) {
      if (value == null) {
        add(prefix + leaf, "missing");
        return null;
      }
      try {
        return MarketStore.checkSymbol(value);
      } catch (IllegalArgumentException e) {
        add(prefix + leaf, e.getMessage());
        return null;
      }
    }

    double number(Double value, String field, double minExclusive, double max) {
      return number(value, field, "", minExclusive, max);
    }

    double number(Double value, String prefix, String leaf, double minExclusive, double max) {
      if (value == null) {
        add(prefix + leaf, "missing");
        return Double.NaN;
      }
      if (!Double.isFinite(value)) {
        add(prefix + leaf, "must be a finite number, was " + value);
      } else if (!(value > minExclusive)) {
        add(
            prefix + leaf,
            "must be "
                + (minExclusive == 0 ? "positive" : "above " + minExclusive)
                + ", was "
                + value);
      } else if (value > max) {
        add(prefix + leaf, "is absurdly large (" + value + " > " + max + ")");
      }
      return value;
    }

    double nonNegative(Double value, String field, double max) {
      return nonNegative(value, field, "", max);
    }

    double nonNegative(Double value, String prefix, String leaf, double max) {
      if (value == null) {
        add(prefix + leaf, "missing");
        return Double.NaN;
      }
      if (!Double.isFinite(value) || value < 0) {
        add(prefix + leaf, "must be a finite number ≥ 0, was " + value);
      } else if (value > max) {
        add(prefix + leaf, "is absurdly large (" + value + " > " + max + ")");
      }
      return value;
    }

    <T> List<T> list(List<T> value, String field, int maxSize) {
      return list(value, field, "", maxSize);
    }

    <T> List<T> list(List<T> value, String prefix, String leaf, int maxSize) {
      if (value == null) {
        add(prefix + leaf, "missing");
        return List.of();
      }
      if (value.isEmpty()) {
        add(prefix + leaf, "must not be empty");
      }
      if (value.size() > maxSize) {
        throw ApiException.tooLarge(
            prefix + leaf + " has " + value.size() + " items, over the limit of " + maxSize);
      }
      return value;
    }
  }

  /**
   * Checks bars field by field and builds the series; the bars must be in strictly increasing open
   * time (out-of-order and duplicate bars are 409 conflicts, listed all at once).
   *
   * @param nowMs wall-clock now: a bar must have closed by then (plus 5 s of clock skew)
   */
  static BarSeries series(String symbol, List<BarIn> bars, String field, long nowMs) {
    Fields f = new Fields();
    List<Problem.BarConflict> conflicts = new ArrayList<>();
    long interval = BarInterval.H1.millis();
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < bars.size(); i++) {
      BarIn b = bars.get(i);
      String p = field + "[" + i + "]";
      if (b == null) {
        f.add(p, "missing");
        continue;
      }
      Long t = f.required(b.openTimeMs(), p + ".openTimeMs");
      if (t != null) {
        if (!EpochTime.plausibleMillis(t)) {
          f.add(p + ".openTimeMs", "must be epoch milliseconds in 1990..2200, was " + t);
        } else if (t % interval != 0) {
          f.add(p + ".openTimeMs", "must be on the hour, was " + Instant.ofEpochMilli(t));
        } else if (t + interval > nowMs + 5_000) {
          f.add(
              p + ".openTimeMs",
              "the bar opening at " + Instant.ofEpochMilli(t) + " has not closed yet");
        } else {
          if (t == previous) {
            conflicts.add(
                new Problem.BarConflict(
                    symbol,
                    i,
                    t,
                    "duplicate",
                    "repeats the bar before it in the request (" + Instant.ofEpochMilli(t) + ")"));
          } else if (t < previous) {
            conflicts.add(
                new Problem.BarConflict(
                    symbol,
                    i,
                    t,
                    "out-of-order",
                    "opens at "
                        + Instant.ofEpochMilli(t)
                        + ", before the bar before it ("
                        + Instant.ofEpochMilli(previous)
                        + ")"));
          }
          previous = Math.max(previous, t);
        }
      }
      f.number(b.open(), p + ".open", 0, MAX_PRICE);
      f.number(b.high(), p + ".high", 0, MAX_PRICE);
      f.number(b.low(), p + ".low", 0, MAX_PRICE);
      f.number(b.close(), p + ".close", 0, MAX_PRICE);
      f.nonNegative(b.volume(), p + ".volume", MAX_AMOUNT);
      if (b.quoteVolume() != null) {
        f.nonNegative(b.quoteVolume(), p + ".quoteVolume", MAX_AMOUNT);
      }
    }
    f.check();
    if (!conflicts.isEmpty()) {
      throw ApiException.barConflicts(conflicts);
    }
    BarSeriesBuilder builder = new BarSeriesBuilder(symbol, BarInterval.H1, bars.size());
    for (int i = 0; i < bars.size(); i++) {
      BarIn b = bars.get(i);
      try {
        builder.append(
            b.openTimeMs(),
            b.open(),
            b.high(),
            b.low(),
            b.close(),
            b.volume(),
            b.quoteVolume() == null ? Double.NaN : b.quoteVolume());
      } catch (BarRejectedException e) {
        f.add(field + "[" + i + "]", e.getMessage());
      }
    }
    f.check();
    return builder.build();
  }

  /** Checks an ingest request; returns one series per entry. */
  static List<BarSeries> ingest(IngestRequest r, int maxBars, long nowMs) {
    Fields f = new Fields();
    List<SeriesIn> series = f.list(r.series(), "series", 1000);
    f.check();
    int total = 0;
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      SeriesIn s = series.get(i);
      String p = "series[" + i + "]";
      if (s == null) {
        f.add(p, "missing");
        continue;
      }
      String symbol = f.symbol(s.symbol(), p + ".symbol");
      if (symbol != null && seen.contains(symbol)) {
        f.add(p + ".symbol", symbol + " appears twice; put all its bars in one entry");
      }
      seen.add(symbol);
      if (s.interval() != null && !s.interval().equals("1h")) {
        f.add(p + ".interval", "only 1h bars are served, was '" + s.interval() + "'");
      }
      total += f.list(s.bars(), p + ".bars", maxBars).size();
    }
    if (total > maxBars) {
      throw ApiException.tooLarge(total + " bars in one request, over the limit of " + maxBars);
    }
    f.check();
    List<BarSeries> out = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      out.add(
          series(series.get(i).symbol(), series.get(i).bars(), "series[" + i + "].bars", nowMs));
    }
    return out;
  }

  /**
   * Checks an assessment request and builds the positions.
   *
   * @param price the service's last price of a symbol, or null when it does not hold it
   * @param maxPositions the largest batch
   */
  static List<Position> positions(
      AssessRequest r, Function<String, Double> price, int maxPositions) {
    Fields f = new Fields();
    List<PositionIn> in;
    String root;
    if (r.position() != null && r.positions() != null) {
      throw ApiException.invalid("position", "give either position or positions, not both");
    } else if (r.position() != null) {
      in = List.of(r.position());
      root = "position";
    } else {
      in = f.list(r.positions(), "positions", maxPositions);
      root = "positions";
      f.check();
    }
    List<Position> out = new ArrayList<>(in.size());
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      PositionIn p = in.get(i);
      String at = root.equals("position") ? root : root + "[" + i + "]";
      if (p == null) {
        f.add(at, "missing");
        continue;
      }
      String id = f.required(p.id(), at, ".id");
      if (id != null && id.isBlank()) {
        f.add(at + ".id", "must not be blank");
      }
      String debtAsset = f.required(p.debtAsset(), at, ".debtAsset");
      if (debtAsset != null && debtAsset.isBlank()) {
        f.add(at + ".debtAsset", "must not be blank");
      }
      double debt = f.number(p.debtQuote(), at, ".debtQuote", 0, MAX_AMOUNT);
      List<HoldingIn> holdings = f.list(p.collateral(), at, ".collateral", 64);
      List<CollateralHolding> built = new ArrayList<>(holdings.size());
      for (int j = 0; j < holdings.size(); j++) {
        HoldingIn h = holdings.get(j);
        String hp = at + ".collateral[" + j + "]";
        if (h == null) {
          f.add(hp, "missing");
          continue;
        }
        // a symbol the service holds is valid; only others go through the format check
        Double held = h.symbol() == null ? null : price.apply(h.symbol());
        String symbol = held != null ? h.symbol() : f.symbol(h.symbol(), hp, ".symbol");
        double quantity = f.nonNegative(h.quantity(), hp, ".quantity", MAX_AMOUNT);
        Double px = h.priceQuote();
        if (px != null) {
          f.number(px, hp, ".priceQuote", 0, MAX_PRICE);
        }
        if (symbol == null) {
          continue;
        }
        if (held == null) {
          if (!unknown.contains(symbol)) {
            unknown.add(symbol);
          }
          continue;
        }
        if (f.ok()) {
          built.add(new CollateralHolding(symbol, quantity, px != null ? px : held));
        }
      }
      if (f.ok() && unknown.isEmpty()) {
        try {
          out.add(new Position(id, built, debtAsset, debt));
        } catch (IllegalArgumentException e) {
          f.add(at, e.getMessage());
        }
      }
    }
    f.check();
    if (!unknown.isEmpty()) {
      throw ApiException.unknownSymbols(unknown);
    }
    return out;
  }

  /**
   * Checks a stress request and builds its position: the horizon, path count and levels first (all
   * their errors at once), then the position as {@link #positions} checks one, then the bound on
   * paths × hours × assets.
   *
   * @param price the service's last price of a symbol, or null when it does not hold it
   * @param maxPaths the largest path count
   * @param maxCells the largest paths × hours × distinct assets
   */
  static Stress stress(
      StressRequest r, Function<String, Double> price, int maxPaths, long maxCells) {
    Fields f = new Fields();
    int hours = DEFAULT_STRESS_HOURS;
    if (r.hours() != null) {
      hours = r.hours();
      if (hours < 1 || hours > MAX_STRESS_HOURS) {
        f.add("hours", "must be in 1.." + MAX_STRESS_HOURS + ", was " + hours);
      }
    }
    int paths = Math.min(DEFAULT_STRESS_PATHS, maxPaths);
    if (r.paths() != null) {
      paths = r.paths();
      if (paths < 1 || paths > maxPaths) {
        f.add("paths", "must be in 1.." + maxPaths + " (the server's limit), was " + paths);
      }
    }
    List<Double> levelsIn =
        r.levels() == null ? DEFAULT_STRESS_LEVELS : f.list(r.levels(), "levels", 16);
    double[] levels = new double[levelsIn.size()];
    for (int i = 0; i < levels.length; i++) {
      Double v = levelsIn.get(i);
      String at = "levels[" + i + "]";
      if (v == null) {
        f.add(at, "missing");
      } else if (!(v > 0.5 && v < 1)) {
        f.add(at, "must be in (0.5, 1), was " + v);
      } else {
        levels[i] = v;
      }
    }
    if (r.position() == null) {
      f.add("position", "missing");
    }
    f.check();
    Position position = positions(new AssessRequest(r.position(), null), price, 1).get(0);
    long assets = position.collateral().stream().map(CollateralHolding::symbol).distinct().count();
    long cells = (long) paths * hours * assets;
    if (cells > maxCells) {
      throw ApiException.invalid(
          "paths",
          "paths × hours × assets = "
              + paths
              + " × "
              + hours
              + " × "
              + assets
              + " = "
              + cells
              + " is over the server's bound of "
              + maxCells
              + ": at most "
              + maxCells / ((long) hours * assets)
              + " paths at "
              + hours
              + " h with "
              + assets
              + " asset(s)");
    }
    return new Stress(
        position, hours, paths, levels, r.seed() == null ? DEFAULT_STRESS_SEED : r.seed());
  }
}

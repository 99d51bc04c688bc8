package io.liqopt.serving.api;

import io.liqopt.core.position.CollateralHolding;
import io.liqopt.core.position.Position;
import io.liqopt.serving.state.AssetView;
import io.liqopt.serving.state.Chunks;
import io.liqopt.serving.state.ServingState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the position requests ({@code POST /v1/positions/assess} and {@code /v1/positions/stress})
 * field by field and builds core's {@link Position}s: a stress request's position is checked
 * exactly as one assessed position is.
 */
final class PositionRequests {
  /** The horizons a stress request may ask for. */
  static final int MAX_STRESS_HOURS = 168;

  /** Defaults of a stress request. */
  static final int DEFAULT_STRESS_HOURS = 24;

  static final int DEFAULT_STRESS_PATHS = 20_000;
  static final long DEFAULT_STRESS_SEED = 42;
  static final List<Double> DEFAULT_STRESS_LEVELS = List.of(0.99, 0.999);

  private PositionRequests() {}

  /**
   * A checked stress request.
   *
   * @param levels the VaR/ES levels, each in (0.5, 1)
   */
  record Stress(Position position, int hours, int paths, List<Double> levels, long seed) {
    Stress {
      levels = List.copyOf(levels);
    }
  }

  /**
   * The {@code view} query parameter of an assessment: true for {@code compact}, false for {@code
   * full} or none.
   */
  static boolean compactView(String view) {
    boolean compact = "compact".equals(view);
    if (view != null && !compact && !view.equals("full")) {
      throw ApiException.invalid("view", "must be full or compact, was '" + view + "'");
    }
    return compact;
  }

  /**
   * A symbol the service holds: the service's own instance of its name (a position built with it is
   * looked up by identity, not by reading the request's copy of the name again), and its price.
   */
  record Held(String symbol, double price) {}

  /** The symbols snapshot {@code s} holds, with their prices, for {@link #positions}. */
  static Function<String, Held> held(ServingState s) {
    Map<String, Held> held = new HashMap<>();
    for (AssetView v : s.assets().values()) {
      held.put(v.symbol(), new Held(v.symbol(), v.price()));
    }
    return held::get;
  }

  /**
   * Checks an assessment request and builds the positions.
   *
   * @param held a symbol the service holds with its last price, or null when it does not hold it;
   *     called from several threads at once for a large batch
   * @param maxPositions the largest batch
   */
  static List<Position> positions(
      Requests.AssessRequest r, Function<String, Held> held, int maxPositions) {
    Fields f = new Fields();
    boolean single = r.position() != null;
    List<Requests.PositionIn> in;
    if (single && r.positions() != null) {
      throw ApiException.invalid("position", "give either position or positions, not both");
    } else if (single) {
      in = List.of(r.position());
    } else {
      in = f.list(r.positions(), "positions", maxPositions);
      f.check();
    }
    String root = single ? "position" : "positions";
    // a large batch is checked in chunks on several threads; each position is checked on its own
    // (nothing depends on the errors of those before it), and the chunks' errors, unknown symbols
    // and positions are joined in the batch's order: the answer does not depend on the chunks
    List<Checked> parts =
        Chunks.map(in.size(), (from, to) -> check(in, from, to, held, root, !single));
    List<Position> out = new ArrayList<>(in.size());
    // in first-seen order, each once: a set, so that many distinct symbols cost linear time
    Set<String> unknown = new LinkedHashSet<>();
    for (Checked c : parts) {
      f.addAll(c.fields());
      unknown.addAll(c.unknown());
      out.addAll(c.positions());
    }
    f.check();
    if (!unknown.isEmpty()) {
      throw ApiException.unknownSymbols(new ArrayList<>(unknown));
    }
    return out;
  }

  /** One chunk's checks: its field errors, the unknown symbols it names, its positions. */
  private record Checked(Fields fields, Set<String> unknown, List<Position> positions) {}

  /** Checks positions {@code from..to − 1} of {@code in}. */
  private static Checked check(
      List<Requests.PositionIn> in,
      int from,
      int to,
      Function<String, Held> held,
      String root,
      boolean indexed) {
    Fields f = new Fields();
    List<Position> out = new ArrayList<>(to - from);
    Set<String> unknown = new LinkedHashSet<>();
    // the paths of the position and holding being checked, made text only for an error
    At at = new At(root, indexed);
    At hp = new At(root, indexed);
    for (int i = from; i < to; i++) {
      Requests.PositionIn p = in.get(i);
      at.position = i;
      hp.position = i;
      long errorsBefore = f.seen();
      boolean namesUnknown = false;
      if (p == null) {
        f.add(at.toString(), "missing");
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
      double debt = f.number(p.debtQuote(), at, ".debtQuote", 0, Requests.MAX_AMOUNT);
      List<Requests.HoldingIn> holdings = f.list(p.collateral(), at, ".collateral", 64);
      List<CollateralHolding> built = new ArrayList<>(holdings.size());
      for (int j = 0; j < holdings.size(); j++) {
        Requests.HoldingIn h = holdings.get(j);
        hp.holding = j;
        if (h == null) {
          f.add(hp.toString(), "missing");
          continue;
        }
        // a symbol the service holds is valid; only others go through the format check
        Held known = h.symbol() == null ? null : held.apply(h.symbol());
        String symbol = known != null ? known.symbol() : f.symbol(h.symbol(), hp, ".symbol");
        double quantity = f.nonNegative(h.quantity(), hp, ".quantity", Requests.MAX_AMOUNT);
        Double px = h.priceQuote();
        if (px != null) {
          f.number(px, hp, ".priceQuote", 0, Requests.MAX_PRICE);
        }
        if (symbol == null) {
          continue;
        }
        if (known == null) {
          unknown.add(symbol);
          namesUnknown = true;
          continue;
        }
        if (f.seen() == errorsBefore) {
          built.add(new CollateralHolding(symbol, quantity, px != null ? px : known.price()));
        }
      }
      if (f.seen() == errorsBefore && !namesUnknown) {
        try {
          out.add(new Position(id, built, debtAsset, debt));
        } catch (IllegalArgumentException e) {
          f.add(at.toString(), e.getMessage());
        }
      }
    }
    return new Checked(f, unknown, out);
  }

  /**
   * A cursor on the JSON path of the position (and holding) being checked: {@code
   * positions[i].collateral[j]}, or {@code position.collateral[j]} for a single one. Its text is
   * built only when an error names it.
   */
  private static final class At {
    private final String root;
    private final boolean indexed;
    int position;
    int holding = -1;

    At(String root, boolean indexed) {
      this.root = root;
      this.indexed = indexed;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(root);
      if (indexed) {
        sb.append('[').append(position).append(']');
      }
      if (holding >= 0) {
        sb.append(".collateral[").append(holding).append(']');
      }
      return sb.toString();
    }
  }

  /**
   * Checks a stress request and builds its position: the horizon, path count and levels first (all
   * their errors at once), then the position as {@link #positions} checks one, then the bound on
   * paths × hours × assets.
   *
   * @param held a symbol the service holds with its last price, or null when it does not hold it
   * @param maxPaths the largest path count
   * @param maxCells the largest paths × hours × distinct assets
   */
  static Stress stress(
      Requests.StressRequest r, Function<String, Held> held, int maxPaths, long maxCells) {
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
    for (int i = 0; i < levelsIn.size(); i++) {
      Double v = levelsIn.get(i);
      String at = "levels[" + i + "]";
      if (v == null) {
        f.add(at, "missing");
      } else if (!(v > 0.5 && v < 1)) {
        f.add(at, "must be in (0.5, 1), was " + v);
      }
    }
    if (r.position() == null) {
      f.add("position", "missing");
    }
    f.check();
    Position position = positions(new Requests.AssessRequest(r.position(), null), held, 1).get(0);
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
    // every level was checked in (0.5, 1) above, so none is null
    return new Stress(
        position, hours, paths, levelsIn, r.seed() == null ? DEFAULT_STRESS_SEED : r.seed());
  }
}

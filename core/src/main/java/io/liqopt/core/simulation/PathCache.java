package io.liqopt.core.simulation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The last few path sets of one asset by path count, so that the tolerances of a calibration share
 * their paths (same seed) instead of simulating them again; remembers the largest set drawn. Not
 * thread-safe: one calibration's own.
 */
final class PathCache implements IntFunction<Paths> {
  private static final int KEPT = 3;

  private final IntFunction<Paths> simulate;
  private final LinkedHashMap<Integer, Paths> cache =
      new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Paths> e) {
          return size() > KEPT;
        }
      };
  private Paths largest;

  PathCache(IntFunction<Paths> simulate) {
    this.simulate = simulate;
  }

  @Override
  public Paths apply(int n) {
    return get(n);
  }

  /** The paths of count {@code n}, simulated unless still cached. */
  Paths get(int n) {
    Paths p = cache.get(n);
    if (p == null) {
      p = simulate.apply(n);
      cache.put(n, p);
    }
    if (largest == null || p.paths() > largest.paths()) {
      largest = p;
    }
    return p;
  }

  /** The largest path set drawn so far (null before the first). */
  Paths largest() {
    return largest;
  }
}

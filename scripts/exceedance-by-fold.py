#!/usr/bin/env python3
"""Where a quantile forecast's exceedances fall: per walk-forward fold, and by tercile of the
forecast itself. Reads an evaluation's predictions.csv.gz (`liqopt evaluate --predictions`) and
prints, for one asset (or ALL) at one horizon and level:

* per fold (a test block), its rows and each model's exceedance rate (realised long adverse move
  above the quantile), the mean ratio of the first model's variance to the second's, and of the
  realised variance to the first model's;
* per model, the exceedance rate in each tercile of its own quantile (a correct forecast has the
  level's rate in every tercile; the dynamic quantile test's q_t regressor picks up a slope here),
  with a Wilson 95 % interval.

Only rows where every listed model has a forecast and the target is defined are counted, so the
models are compared on the same hours. Standard library only.

Usage: scripts/exceedance-by-fold.py PREDICTIONS.csv.gz [SYMBOL|ALL [MODELS [LEVEL [HORIZON]]]]
       (defaults: ALL, ml,har-garch,garch, 0.99, 24)
"""
import csv
import gzip
import math
import sys
from collections import defaultdict


def wilson(hits, n, z=1.96):
    if n == 0:
        return (float("nan"), float("nan"))
    p = hits / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (c - h, c + h)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    symbol = argv[2] if len(argv) > 2 else "ALL"
    models = (argv[3] if len(argv) > 3 else "ml,har-garch,garch").split(",")
    level = argv[4] if len(argv) > 4 else "0.99"
    horizon = argv[5] if len(argv) > 5 else "24"
    folds = defaultdict(list)
    with gzip.open(path, "rt", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        ix = {k: i for i, k in enumerate(header)}
        for m in models:
            for col in (m + ".variance", m + ".q" + level):
                if col not in ix:
                    print("no column " + col + " in " + path, file=sys.stderr)
                    return 2
        for row in reader:
            if row[ix["horizon_h"]] != horizon or not row[ix["long_mae"]]:
                continue
            if symbol != "ALL" and row[ix["symbol"]] != symbol:
                continue
            q = [row[ix[m + ".q" + level]] for m in models]
            v = [row[ix[m + ".variance"]] for m in models]
            if not all(q) or not all(v):
                continue
            rv = row[ix["realised_variance"]]
            folds[(row[ix["symbol"]], int(row[ix["fold"]]))].append(
                (float(row[ix["long_mae"]]), float(rv) if rv else float("nan"),
                 [float(x) for x in q], [float(x) for x in v]))
    if not folds:
        print("no rows for " + symbol + " at " + horizon + " h", file=sys.stderr)
        return 1
    names = " ".join("%10s" % (m[:10]) for m in models)
    print("%-9s %4s %5s %s %8s %8s" % ("symbol", "fold", "rows", names, "v1/v2", "rv/v1"))
    rows = []
    for (sym, fold), rs in sorted(folds.items()):
        rows.extend(rs)
        n = len(rs)
        rates = " ".join("%9.2f%%" % (100.0 * sum(r[0] > r[2][k] for r in rs) / n)
                         for k in range(len(models)))
        ratio = sum(r[3][0] / r[3][1] for r in rs) / n if len(models) > 1 else float("nan")
        rvs = [r[1] / r[3][0] for r in rs if not math.isnan(r[1])]
        rv = sum(rvs) / len(rvs) if rvs else float("nan")
        print("%-9s %4d %5d %s %8.3f %8.3f" % (sym, fold, n, rates, ratio, rv))
    print()
    print("exceedance rate by tercile of the model's own %s quantile (%d rows):" % (level, len(rows)))
    for k, m in enumerate(models):
        qs = sorted(r[2][k] for r in rows)
        cuts = (qs[len(qs) // 3], qs[2 * len(qs) // 3])
        parts = []
        for lo, hi in ((-math.inf, cuts[0]), (cuts[0], cuts[1]), (cuts[1], math.inf)):
            sel = [r for r in rows if lo < r[2][k] <= hi]
            hits = sum(r[0] > r[2][k] for r in sel)
            a, b = wilson(hits, len(sel))
            parts.append("%.2f%% [%.2f, %.2f]" % (100.0 * hits / max(1, len(sel)), 100 * a, 100 * b))
        print("  %-10s low %s   mid %s   high %s" % (m, parts[0], parts[1], parts[2]))
    print("(hours overlap within a 24 h window: the intervals treat them as independent and are"
          " too narrow)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

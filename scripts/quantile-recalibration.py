#!/usr/bin/env python3
"""Offline experiments on a walk-forward run's quantiles: adds recalibrated copies of some models'
long adverse-move quantiles to an evaluation's predictions.csv.gz (`liqopt evaluate
--predictions`), for `liqopt evaluate --rescore OUT` to score with every test (pinball, HAC hit
rate, DQ by phase, Holm). Nothing in it looks ahead: every adjustment at an hour uses only outcomes
known by then. Two methods, with x = -ln(1 - q) the quantile as a log loss:

* elasticity: x' = exp(a) * x^beta, (a, beta) fitted by pinball loss on the rows of earlier folds
  only (one fold of embargo, refit every 3 folds, pooled over assets; identity until 20 000 rows);
  the copies are named <model>-el;
* tracking GAMMAS: per asset, x' = x * exp(s_t), s moved by gamma * (hit - (1 - level)) each time a
  forecast's 24 h window closes (the quantile tracking of Gibbs and Candes 2021, "Adaptive conformal
  inference under distribution shift", NeurIPS, in log scale and with the feedback delayed by the
  horizon); one copy per gamma, named <model>-aci<gamma>.

* windowed HOURS: per asset, x' = x * exp(k * (h_W - (1 - level))), h_W the hit rate of the
  forecasts whose 24 h windows closed in the last HOURS hours (0 until half of them are in), k
  fitted by pinball loss on earlier folds as the elasticity is (the fit decides the sign: a local
  ACI when k > 0); the copies are named <model>-w<HOURS>.

Only the 24 h rows are adjusted. Needs numpy and scipy (elasticity, windowed).
Usage: scripts/quantile-recalibration.py IN.csv.gz OUT.csv.gz elasticity|tracking|windowed
       [GAMMAS|HOURS] [MODELS]   (GAMMAS e.g. 0.005,0.01,0.02; MODELS default ml,har-garch)
"""
import csv
import gzip
import math
import sys

import numpy as np

LEVELS = ["0.9", "0.95", "0.99", "0.995"]
DAY_MS = 24 * 3_600_000


def log_loss(q):
    return -np.log1p(-np.clip(q, 0, 1 - 1e-12))


def elasticity(cols, fold, h24, y, models):
    from scipy.optimize import minimize

    out = {}
    for m in models:
        for level in LEVELS:
            q = cols[m + ".q" + level]
            lx = np.log(np.maximum(log_loss(q), 1e-12))
            tau = float(level)
            new = q.copy()
            params, last = (0.0, 1.0), -99
            for f in range(int(fold.max()) + 1):
                if f - last >= 3:
                    tr = (fold <= f - 2) & h24 & np.isfinite(y) & np.isfinite(lx)
                    if tr.sum() > 20_000:
                        yy, ll = y[tr], lx[tr]

                        def loss(p):
                            d = yy - np.exp(p[0] + p[1] * ll)
                            return np.mean(np.maximum(tau * d, (tau - 1) * d))

                        params = tuple(minimize(loss, np.array(params), method="Nelder-Mead").x)
                    last = f
                    print(m, level, "fold", f, "a=%.3f beta=%.3f" % params, file=sys.stderr)
                sel = (fold == f) & h24 & np.isfinite(lx)
                new[sel] = -np.expm1(-np.exp(params[0] + params[1] * lx[sel]))
            out[(m + "-el", m, level)] = new
    return out


def tracking(cols, sym, t, h24, y, models, gammas):
    out = {}
    for g in gammas:
        for m in models:
            for level in LEVELS:
                q = cols[m + ".q" + level]
                x = log_loss(q)
                alpha = 1 - float(level)
                new = q.copy()
                for s in np.unique(sym):
                    idx = np.where((sym == s) & h24)[0]
                    idx = idx[np.argsort(t[idx], kind="stable")]
                    offset, issued, j = 0.0, {}, 0
                    for k in idx:
                        # the windows of forecasts issued a day or more ago have closed
                        while j < len(idx) and t[idx[j]] <= t[k] - DAY_MS:
                            done = idx[j]
                            xa = issued.pop(done, None)
                            if xa is not None and not math.isnan(y[done]):
                                offset += g * ((1.0 if y[done] > xa else 0.0) - alpha)
                            j += 1
                        if not math.isnan(x[k]):
                            issued[k] = x[k] * math.exp(offset)
                            new[k] = -math.expm1(-issued[k])
                out[("%s-aci%g" % (m, g), m, level)] = new
    return out


def windowed(cols, sym, t, fold, h24, y, models, hours):
    from scipy.optimize import minimize_scalar

    hour = DAY_MS // 24
    out = {}
    for m in models:
        for level in LEVELS:
            alpha, tau = 1 - float(level), float(level)
            q = cols[m + ".q" + level]
            x = log_loss(q)
            dev = np.full(len(q), np.nan)
            for s in np.unique(sym):
                idx = np.where((sym == s) & h24)[0]
                idx = idx[np.argsort(t[idx], kind="stable")]
                ok = np.isfinite(y[idx]) & np.isfinite(x[idx])
                hit = np.where(ok, (y[idx] > x[idx]).astype(float), 0.0)
                ch = np.concatenate([[0], np.cumsum(hit)])
                cc = np.concatenate([[0], np.cumsum(ok.astype(float))])
                # closed by t: issued a day or more before it; in the window: within HOURS more
                hi = np.searchsorted(t[idx], t[idx] - DAY_MS, side="right")
                lo = np.searchsorted(t[idx], t[idx] - DAY_MS - hours * hour, side="right")
                n, k = cc[hi] - cc[lo], ch[hi] - ch[lo]
                dev[idx] = np.where(n >= hours / 2, k / np.maximum(n, 1) - alpha, 0.0)
            new, kappa, last = q.copy(), 0.0, -99
            for f in range(int(fold.max()) + 1):
                if f - last >= 3:
                    tr = (fold <= f - 2) & h24 & np.isfinite(y) & np.isfinite(x)
                    if tr.sum() > 20_000:
                        yy, xx, dd = y[tr], x[tr], dev[tr]

                        def loss(kk):
                            d = yy - xx * np.exp(kk * dd)
                            return np.mean(np.maximum(tau * d, (tau - 1) * d))

                        kappa = minimize_scalar(loss, bounds=(-50, 200), method="bounded").x
                    last = f
                    print(m, level, "fold", f, "k=%.2f" % kappa, file=sys.stderr)
                sel = (fold == f) & h24 & np.isfinite(x)
                new[sel] = -np.expm1(-x[sel] * np.exp(kappa * dev[sel]))
            out[("%s-w%d" % (m, hours), m, level)] = new
    return out


def main(argv):
    if len(argv) < 4 or argv[3] not in ("elasticity", "tracking", "windowed"):
        print(__doc__, file=sys.stderr)
        return 2
    src, dst, method = argv[1], argv[2], argv[3]
    gammas = [float(g) for g in argv[4].split(",")] if method == "tracking" else []
    hours = int(argv[4]) if method == "windowed" else 0
    rest = argv[5:] if method in ("tracking", "windowed") else argv[4:]
    models = (rest[0] if rest else "ml,har-garch").split(",")
    with gzip.open(src, "rt", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    ix = {k: i for i, k in enumerate(header)}

    def column(name, cast=float):
        return np.array([cast(r[ix[name]]) if r[ix[name]] else np.nan for r in rows])

    sym = np.array([r[ix["symbol"]] for r in rows])
    t = np.array([int(r[ix["open_time_ms"]]) for r in rows])
    fold = np.array([int(r[ix["fold"]]) for r in rows])
    h24 = np.array([r[ix["horizon_h"]] == "24" for r in rows])
    y = log_loss(column("long_mae"))
    cols = {m + ".q" + lv: column(m + ".q" + lv) for m in models for lv in LEVELS}
    if method == "elasticity":
        out = elasticity(cols, fold, h24, y, models)
    elif method == "windowed":
        out = windowed(cols, sym, t, fold, h24, y, models, hours)
    else:
        out = tracking(cols, sym, t, h24, y, models, gammas)
    names = sorted({(name, base) for name, base, _ in out}, key=lambda nb: nb[0])
    extra = []
    for name, _ in names:
        extra += [name + ".variance"] + [name + ".q" + lv for lv in LEVELS] + [name + ".stress"]
    with gzip.open(dst, "wt", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header + extra)
        for i, r in enumerate(rows):
            add = []
            for name, base in names:
                add.append(r[ix[base + ".variance"]])
                for lv in LEVELS:
                    v = out[(name, base, lv)][i]
                    add.append(repr(float(v)) if r[ix[base + ".q" + lv]] else "")
                add.append(r[ix[base + ".stress"]])
            w.writerow(r + add)
    print("wrote " + dst + " with " + ", ".join(n for n, _ in names), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""How far can the stress AUC go with what the models see? Reads an evaluation's
predictions.csv.gz (`liqopt evaluate --predictions`) and the hourly CSVs of ../shared/data, and
prints, pooled over the 24 h stress horizon:

* the AUC of each model's stress probability and of its variance forecast used as a score;
* the AUC of the realised variance (an oracle that knows the next 24 h);
* walk-forward logistic regressions (fitted on earlier folds only, one fold of embargo) of the
  stress label on the ML log variance plus directional features computed from the bars
  (24 h / 168 h / 6 h returns, 30-day drawdown, 24 h dip, downside share of the 24 h variance);
* the same on cross-asset inputs that OHLCV allows, each known at the row's bar (no look-ahead):
  market breadth (share of assets more than 10 % below their 30-day high), cross-sectional
  dispersion of 24 h returns, the asset's rolling 30-day correlation of hourly returns to the
  equal-weight market, and the market-wide volume surprise (mean over assets of log 24 h volume
  over its 30-day daily mean);
* the mean AUC within folds (pooled AUC also ranks forecasts made in different folds);
* every model's variance through the reflected Student-t map the ML bundle's stress stack
  defaults to (io.liqopt.core.forecast.baseline.ReflectedStudentT: P = min(1, 2 F_nu(-a /
  (sigma sqrt((nu - 2)/nu)))), a = -log(1 - L)), nu of the same grid chosen by Bernoulli
  likelihood on the earlier folds (one fold of embargo): the same post-processing for baselines
  as for the ML model, with its AUC, Brier and Brier skill against climatology beside each
  model's own stress probability.

Needs numpy and scipy.
Usage: scripts/stress-auc-ceiling.py PREDICTIONS.csv.gz [DATA_DIR [STRESS_LEVEL]]
"""
import csv
import gzip
import sys

import numpy as np


def auc(score, label):
    order = np.argsort(score, kind="mergesort")
    s = score[order]
    _, inv, cnt = np.unique(s, return_inverse=True, return_counts=True)
    cum = np.cumsum(cnt)
    avg = (cum - cnt + cum + 1) / 2  # average rank of ties
    ranks = np.empty(len(s))
    ranks[order] = avg[inv]
    pos = label.sum()
    return (ranks[label == 1].sum() - pos * (pos + 1) / 2) / (pos * (len(label) - pos))


def logistic(a, y, iterations=30):
    b = np.zeros(a.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-a @ b))
        w = p * (1 - p)
        b += np.linalg.solve(a.T @ (a * w[:, None]) + 1e-6 * np.eye(a.shape[1]), a.T @ (y - p))
    return b


def bar_features(path):
    rows = []
    with gzip.open(path, "rt") as fh:
        r = csv.reader(fh)
        next(r)
        for x in r:
            rows.append((int(x[0]), float(x[2]), float(x[3]), float(x[4])))
    a = np.array(rows)
    ts, hi, lo, c = a[:, 0].astype(np.int64), a[:, 1], a[:, 2], a[:, 3]
    lc = np.log(c)

    def lag(x, k):
        y = np.full_like(x, np.nan)
        y[k:] = x[:-k]
        return y

    from numpy.lib.stride_tricks import sliding_window_view as win
    mx = np.full_like(hi, np.nan)
    mx[719:] = win(hi, 720).max(axis=1)
    mn = np.full_like(lo, np.nan)
    mn[23:] = win(lo, 24).min(axis=1)
    r1 = np.diff(lc, prepend=np.nan)
    neg = np.concatenate([[0], np.nancumsum(np.where(r1 < 0, r1 * r1, 0))])
    tot = np.concatenate([[0], np.nancumsum(r1 * r1)])
    k = np.arange(len(r1))
    lo24 = np.maximum(k - 23, 0)
    return ts, {
        "ret_24h": lc - lag(lc, 24), "ret_168h": lc - lag(lc, 168), "ret_6h": lc - lag(lc, 6),
        "drawdown_30d": 1 - c / mx, "dip_24h": 1 - mn / c,
        "downside_share_24h": (neg[k + 1] - neg[lo24]) / np.maximum(tot[k + 1] - tot[lo24], 1e-20),
    }


def cross_asset_features(data, symbols):
    """Per symbol, its timestamps and the cross-asset inputs at each of its bars."""
    bars = {}
    for s in symbols:
        with gzip.open(f"{data}/{s}_1h.csv.gz", "rt") as fh:
            r = csv.reader(fh)
            next(r)
            a = np.array([(float(x[0]), float(x[2]), float(x[4]), float(x[5])) for x in r])
        bars[s] = a
    grid = np.unique(np.concatenate([a[:, 0] for a in bars.values()]))
    n = len(grid)

    def on_grid(a, col):
        y = np.full(n, np.nan)
        y[np.searchsorted(grid, a[:, 0])] = a[:, col]
        return y

    hi = np.column_stack([on_grid(bars[s], 1) for s in symbols])
    close = np.column_stack([on_grid(bars[s], 2) for s in symbols])
    vol = np.column_stack([on_grid(bars[s], 3) for s in symbols])
    from numpy.lib.stride_tricks import sliding_window_view as win

    def trailing(x, k, fn):
        y = np.full_like(x, np.nan)
        y[k - 1:] = fn(win(x, k, axis=0), axis=-1)
        return y

    lc = np.log(close)
    drawdown = 1 - close / trailing(hi, 720, np.max)
    breadth = np.nanmean(np.where(np.isnan(drawdown), np.nan, drawdown > 0.10), axis=1)
    ret24 = np.full_like(lc, np.nan)
    ret24[24:] = lc[24:] - lc[:-24]
    dispersion = np.nanstd(ret24, axis=1)
    r1 = np.full_like(lc, np.nan)
    r1[1:] = lc[1:] - lc[:-1]
    market = np.nanmean(r1, axis=1)
    v24 = trailing(vol, 24, np.sum)
    v720 = trailing(vol, 720, np.sum) / 30
    surprise = np.nanmean(np.log(np.maximum(v24, 1e-12) / np.maximum(v720, 1e-12)), axis=1)
    out = {}
    for j, s in enumerate(symbols):
        x, m = r1[:, j], market
        mx = trailing(x * m, 720, np.nanmean) - trailing(x, 720, np.nanmean) * trailing(
            m, 720, np.nanmean)
        sx = trailing(x, 720, np.nanstd)
        sm = trailing(m, 720, np.nanstd)
        out[s] = (grid.astype(np.int64), {
            "breadth_dd10_30d": breadth, "dispersion_ret_24h": dispersion,
            "corr_market_30d": mx / np.maximum(sx * sm, 1e-20), "volume_surprise_mkt": surprise,
        })
    return out


NU_GRID = [2.5, 3, 3.5, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100]


def reflected(variance, nu, level):
    from scipy import stats
    a = -np.log1p(-level)
    return np.minimum(1, 2 * stats.t.cdf(-a / (np.sqrt(variance) * np.sqrt((nu - 2) / nu)), nu))


def reflected_walk_forward(variance, y, fold, level):
    """P per row from the reflected map, nu fitted on folds before f - 1; NaN before that."""
    out = np.full(len(y), np.nan)
    for f in np.unique(fold)[3:]:
        train = fold < f - 1
        best, best_ll = None, -np.inf
        for nu in NU_GRID:
            q = np.clip(reflected(variance[train], nu, level), 1e-12, 1 - 1e-12)
            ll = np.sum(np.where(y[train] == 1, np.log(q), np.log1p(-q)))
            if ll > best_ll:
                best, best_ll = nu, ll
        test = fold == f
        out[test] = reflected(variance[test], best, level)
    return out


def brier_skill(p, y):
    b = np.mean((p - y) ** 2)
    return b, 1 - b / np.mean((y.mean() - y) ** 2)


def main():
    pred = sys.argv[1]
    data = sys.argv[2] if len(sys.argv) > 2 else "../shared/data"
    with gzip.open(pred, "rt") as fh:
        r = csv.reader(fh)
        header = next(r)
        rows = [x for x in r if x[3] == "24"]
    col = {h: i for i, h in enumerate(header)}

    def num(name):
        i = col[name]
        return np.array([float(x[i]) if x[i] != "" else np.nan for x in rows])

    models = [h[: -len(".variance")] for h in header if h.endswith(".variance")]
    sym = np.array([x[0] for x in rows])
    t = np.array([int(x[1]) for x in rows])
    fold = np.array([int(x[2]) for x in rows])
    label = num("stress")
    ok = ~np.isnan(label)
    var = {m: num(m + ".variance") for m in models}
    stress = {m: num(m + ".stress") for m in models}
    for m in models:
        ok &= ~np.isnan(var[m]) & ~np.isnan(stress[m])
    y = label[ok]
    print(f"rows {ok.sum()}, events {int(y.sum())} ({y.mean():.2%})")
    for m in models:
        print(f"  {m:10s} AUC stress probability {auc(stress[m][ok], y):.4f}   "
              f"variance as the score {auc(var[m][ok], y):.4f}")
    print(f"  oracle: realised variance as the score {auc(num('realised_variance')[ok], y):.4f}")

    base = "ml" if "ml" in models else models[-1]
    lv = np.log(var[base][ok])
    feats = {}
    for s in np.unique(sym[ok]):
        ts, f = bar_features(f"{data}/{s}_1h.csv.gz")
        m = sym[ok] == s
        idx = np.searchsorted(ts, t[ok][m])
        for k, v in f.items():
            feats.setdefault(k, np.full(len(y), np.nan))[m] = v[idx]
    cross = {}
    per_symbol = cross_asset_features(data, list(np.unique(sym)))
    for s in np.unique(sym[ok]):
        ts, f = per_symbol[s]
        m = sym[ok] == s
        idx = np.searchsorted(ts, t[ok][m])
        for k, v in f.items():
            cross.setdefault(k, np.full(len(y), np.nan))[m] = v[idx]
    sets = {f"log {base} variance": [lv]}
    for k in feats:
        sets[f"+ {k}"] = [lv, feats[k]]
    sets["+ all of them"] = [lv] + list(feats.values())
    for k in cross:
        sets[f"+ {k}"] = [lv, cross[k]]
    sets["+ all cross-asset"] = [lv] + list(cross.values())
    sets["+ all own and cross-asset"] = [lv] + list(feats.values()) + list(cross.values())
    f_ok = fold[ok]
    print(f"walk-forward logistic regressions on the {base} log variance (fitted on earlier folds):")
    for name, cols in sets.items():
        a = np.column_stack([np.ones(len(y))] + cols)
        good = np.all(np.isfinite(a), axis=1)
        score = np.full(len(y), np.nan)
        for f in np.unique(f_ok)[3:]:
            train = (f_ok < f - 1) & good
            test = (f_ok == f) & good
            score[test] = a[test] @ logistic(a[train], y[train])
        m = np.isfinite(score)
        print(f"  {name:28s} AUC {auc(score[m], y[m]):.4f}   ({base} variance alone on these rows"
              f" {auc(lv[m], y[m]):.4f})")
    level = float(sys.argv[3]) if len(sys.argv) > 3 else 0.10
    print(f"each model's variance through the reflected Student-t map (L = {level}, nu chosen on"
          " earlier folds), against its own stress probability on the same rows:")
    for m in models:
        p = reflected_walk_forward(var[m][ok], y, f_ok, level)
        good = np.isfinite(p)
        b, bss = brier_skill(p[good], y[good])
        ob, obss = brier_skill(stress[m][ok][good], y[good])
        print(f"  {m:10s} reflected: AUC {auc(p[good], y[good]):.4f} Brier {b:.5f} BSS {bss:+.4f}"
              f"   own: AUC {auc(stress[m][ok][good], y[good]):.4f} Brier {ob:.5f}"
              f" BSS {obss:+.4f}")
    print("mean AUC within folds with at least 20 events:")
    for m in models:
        a = [auc(stress[m][ok][f_ok == f], y[f_ok == f]) for f in np.unique(f_ok)
             if 20 <= y[f_ok == f].sum() < (f_ok == f).sum()]
        print(f"  {m:10s} {np.mean(a):.4f} over {len(a)} folds")


if __name__ == "__main__":
    main()

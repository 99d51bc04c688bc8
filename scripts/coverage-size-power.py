#!/usr/bin/env python3
"""How often do evaluate's coverage tests reject at the 5 % level, on hits of overlapping windows
whose true quantile is known? A Monte Carlo of the tests of io.liqopt.training.metrics as
`liqopt evaluate` runs them on one asset, with the same formulas (numpy and scipy, no Java):

* Kupiec's POF test on one phase (every h-th hour: windows that do not overlap);
* the hit-rate t test on every hour with a Newey-West (Bartlett) variance at lag 2h (HitRateTest);
* Engle and Manganelli's DQ on every hour, hit lags h..h+3, variance p(1 - p) (DynamicQuantileTest);
* its HAC Wald form, Bartlett lag 2h on the OLS scores (DynamicQuantileTest, hacStatistic);
* DQ by phase (PhaseDynamicQuantileTest): in each of the h phases (hours t = k mod h, whose windows
  do not overlap) DQ with hit lags 1..4 phase steps and q_t, a Monte Carlo p-value under i.i.d.
  Bernoulli(p) hits with R = 999 draws (randomised ties), the h p-values combined by the Cauchy
  combination test; and, for comparison, Bonferroni's min(1, h min_k p_k) of the same p-values.

The market: y_t = the sum of the next h hourly returns e_{t+1..t+h}, e_i ~ N(0, s_i^2) with a
deterministic volatility cycle s_i = exp(0.5 sin(2 pi i / 700)), so the true alpha-quantile of y_t
is known, q_t = z_alpha sqrt(s_{t+1}^2 + ... + s_{t+h}^2). A forecast scaled by c = z_{1-k p} / z_{1-p}
has a true hit rate k p: k = 1 measures the size, k = 1.5 the power against 1.5 p. Returns are
Gaussian and their volatility is known, so real data (fat tails, clustered volatility) will be
harder for every test than this.

Needs numpy and scipy. Usage: scripts/coverage-size-power.py [REPLICATIONS [HOURS [H [P]]]]
(defaults 200, 43800 = 5 years, 24, both 0.05 and 0.01; one P runs that nominal rate only, e.g.
two processes in parallel). About 3 s a replication on one core.
"""
import sys

import numpy as np
from scipy import stats

LEVEL = 0.05
LAGS = 4
DRAWS = 999
TIE = 1e-9


def newey_west(x, lag):
    """Bartlett long-run variance of x (centred, divisor n), as NeweyWest.longRunVariance."""
    x = x - x.mean()
    n = len(x)
    s = x @ x / n
    for j in range(1, lag + 1):
        s += 2 * (1 - j / (lag + 1)) * (x[j:] @ x[:-j]) / n
    return s


def kupiec(hits, p):
    n, x = len(hits), hits.sum()
    rate = x / n

    def xlog(k, a, b):
        return k * np.log(a / b) if k > 0 else 0.0

    lr = 2 * (xlog(n - x, 1 - rate, 1 - p) + xlog(x, rate, p))
    return stats.chi2.sf(lr, 1)


def hit_rate(hits, p, lag):
    lrv = newey_west(hits, lag)
    if lrv <= 0:
        return 1.0
    return 2 * stats.norm.sf(abs(hits.mean() - p) / np.sqrt(lrv / len(hits)))


def dynamic_quantile(hits, q, p, h, lag):
    hit = hits - p
    first = h + LAGS - 1
    n = len(hit)
    x = np.column_stack([np.ones(n - first)]
                        + [hit[first - k:n - k] for k in range(h, h + LAGS)] + [q[first:]])
    y = hit[first:]
    x = x / np.linalg.norm(x, axis=0)
    beta, _, rank, _ = np.linalg.lstsq(x, y, rcond=None)
    if rank < x.shape[1]:
        return 1.0, 1.0
    fitted = x @ beta
    dq = fitted @ fitted / (p * (1 - p))
    g = x * (y - fitted)[:, None]
    s = g.T @ g
    for j in range(1, lag + 1):
        gj = g[j:].T @ g[:-j]
        s += (1 - j / (lag + 1)) * (gj + gj.T)
    score = x.T @ y
    try:
        hac = score @ np.linalg.solve(s, score)
    except np.linalg.LinAlgError:
        return stats.chi2.sf(dq, LAGS + 2), 1.0
    return stats.chi2.sf(dq, LAGS + 2), stats.chi2.sf(hac, LAGS + 2)


def phase_dq_stats(hit, q, p):
    """DQ of each row of hit (draws x m, 0/1) on one phase: the squared norm of the projection of
    Hit_t on X = (1, q_t, Hit_{t-1..t-4}) over rows 4..m-1, / p(1 - p); a regressor in the span
    of the others is dropped (pseudo-inverse of the scaled Gram matrix)."""
    m = hit.shape[1]
    z = np.stack([hit[:, LAGS - j:m - j] for j in range(1, LAGS + 1)] + [hit[:, LAGS:]], 1) - p
    qq = q[LAGS:] - q[LAGS:].mean()
    qq = qq / np.linalg.norm(qq) if np.linalg.norm(qq) > 0 else qq
    n = m - LAGS
    r = hit.shape[0]
    g = np.empty((r, LAGS + 3, LAGS + 3))
    g[:, 0, 0] = n
    g[:, 0, 1] = g[:, 1, 0] = qq.sum()
    g[:, 1, 1] = qq @ qq
    s = z.sum(2)
    zq = z @ qq
    g[:, 0, 2:] = g[:, 2:, 0] = s
    g[:, 1, 2:] = g[:, 2:, 1] = zq
    g[:, 2:, 2:] = z @ z.transpose(0, 2, 1)
    gram, b = g[:, :-1, :-1], g[:, :-1, -1]
    d = np.sqrt(np.diagonal(gram, axis1=1, axis2=2))
    d = np.where(d > 0, 1 / np.where(d > 0, d, 1), 0.0)
    gs = gram * d[:, :, None] * d[:, None, :]
    bs = b * d
    inv = np.linalg.pinv(gs, rcond=1e-10, hermitian=True)
    return np.einsum("ri,rij,rj->r", bs, inv, bs) / (p * (1 - p))


def cauchy(pvalues):
    t = np.mean(np.tan((0.5 - np.asarray(pvalues)) * np.pi))
    return 0.5 - np.arctan(t) / np.pi


def phase_dq(rng, hits, q, p, h):
    pvalues = []
    for k in range(h):
        obs = hits[None, k::h]
        qk = q[k::h]
        sims = (rng.random((DRAWS, obs.shape[1])) < p).astype(float)
        stat = phase_dq_stats(np.concatenate([obs, sims]), qk, p)
        tol = TIE * max(1.0, stat[0])
        above = np.sum(stat[1:] > stat[0] + tol)
        ties = np.sum(np.abs(stat[1:] - stat[0]) <= tol)
        pvalues.append((above + (ties + 1) * rng.random()) / (DRAWS + 1))
    return cauchy(pvalues), min(1.0, h * min(pvalues))


def replicate(rng, mc, hours, h, p, k):
    total = hours + h
    sigma = np.exp(0.5 * np.sin(np.arange(total) * 2 * np.pi / 700))
    cum = np.concatenate([[0.0], np.cumsum(rng.standard_normal(total) * sigma)])
    cum2 = np.concatenate([[0.0], np.cumsum(sigma**2)])
    y = cum[1 + h:1 + h + hours] - cum[1:1 + hours]
    q = stats.norm.ppf(1 - k * p) * np.sqrt(cum2[1 + h:1 + h + hours] - cum2[1:1 + hours])
    hits = (y > q).astype(float)
    dq, dq_hac = dynamic_quantile(hits, q, p, h, 2 * h)
    dq_phase, dq_bonferroni = phase_dq(mc, hits, q, p, h)
    return {
        "Kupiec 1 phase": kupiec(hits[::h], p),
        "HAC hit rate": hit_rate(hits, p, 2 * h),
        "DQ": dq,
        "DQ HAC": dq_hac,
        "DQ phases Cauchy": dq_phase,
        "DQ phases Bonferroni": dq_bonferroni,
    }


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    hours = int(sys.argv[2]) if len(sys.argv) > 2 else 43800
    h = int(sys.argv[3]) if len(sys.argv) > 3 else 24
    print("%d replications of %d hours, h = %d; share of p-values below %.2f"
          % (reps, hours, h, LEVEL))
    rates = (float(sys.argv[4]),) if len(sys.argv) > 4 else (0.05, 0.01)
    for p in rates:
        for k in (1.0, 1.5):
            rng = np.random.default_rng(1000)
            mc = np.random.default_rng(2000)  # the Monte Carlo draws: rng's market as before
            counts = {}
            for _ in range(reps):
                for name, pv in replicate(rng, mc, hours, h, p, k).items():
                    counts[name] = counts.get(name, 0) + (pv < LEVEL)
            print("nominal %.2f, true %.3f: %s" % (
                p, k * p, ", ".join("%s %.3f" % (n, c / reps) for n, c in counts.items())))


if __name__ == "__main__":
    main()

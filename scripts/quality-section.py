#!/usr/bin/env python3
"""The forecast-quality section of BENCHMARKS.md, regenerated from one evaluate run's metrics.json.

    scripts/quality-section.py reports/evaluate/<run-id>/metrics.json [--horizon 24] [--model ml]
                               [--level 0.99] [--alpha 0.05]

Prints Markdown: the run (recipe, reference, best baseline), a pooled table of every model (QLIKE
and its ratio to the reference with the paired day-block bootstrap interval, Diebold-Mariano
against the reference, the hit rate of the LEVEL quantile over every hour with its HAC p-value,
pinball loss, stress AUC and Brier skill with intervals), a per-asset table of MODEL against the
reference and the best baseline (with the coverage tests: HAC hit rate, DQ by phase, and the
asymptotic DQ forms, labelled as not valid under overlap), and the targets of the forecast-evidence work checked against
those figures. Every number is read from the file; nothing is typed by hand. Holm's correction of
the per-asset Diebold-Mariano p-values is computed here (the file holds the raw ones); the
coverage tests' Holm p-values are the file's. Standard library only.
"""
import argparse
import json
import math


def fmt(x, digits=4):
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


def pct(x):
    return "–" if x is None else f"{100 * x:+.1f} %"


def interval(iv, as_pct=False, digits=3):
    if not iv:
        return "–"
    f = (lambda v: f"{100 * v:+.1f}") if as_pct else (lambda v: f"{v:.{digits}f}")
    unit = " %" if as_pct else ""
    return f"{f(iv['estimate'])}{unit} [{f(iv['lower'])}, {f(iv['upper'])}]"


def pval(p):
    if p is None:
        return "–"
    return f"{p:.2g}" if p >= 1e-3 else f"{p:.0e}"


def holm(pvalues):
    """Holm's step-down adjusted p-values, in the input order (None stays None)."""
    idx = sorted((p, i) for i, p in enumerate(pvalues) if p is not None)
    out = [None] * len(pvalues)
    running = 0.0
    m = len(idx)
    for rank, (p, i) in enumerate(idx):
        running = max(running, min(1.0, (m - rank) * p))
        out[i] = running
    return out


def cell_of(cells, h, symbol=None):
    for c in cells:
        if c["horizonHours"] == h and (symbol is None or c.get("symbol") == symbol):
            return c
    return None


def by_model(cell):
    return {m["model"]: m for m in cell["models"]} if cell else {}


def tracking_line(m):
    g = m.get("config", {}).get("quantileTrackingGamma", 0) or 0
    for o in (m.get("run", {}).get("recipe") or {}).get("overrides", []):
        if o.startswith("--quantile-tracking "):  # runs made before the config recorded it
            g = float(o.split()[1])
    return (f" Every model's quantiles tracked before scoring (adaptive conformal inference,"
            f" γ = {g:g}).") if g > 0 else " Quantiles as the models made them (no tracking)."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("metrics")
    ap.add_argument("--horizon", type=int, default=24)
    ap.add_argument("--model", default="ml")
    ap.add_argument("--level", default="0.99")
    ap.add_argument("--alpha", type=float, default=0.05)
    a = ap.parse_args()
    m = json.load(open(a.metrics))
    s = m["scores"]
    h, lvl = a.horizon, a.level
    ref = s["referenceModel"]
    ivh = next(x for x in s["intervals"]["horizons"] if x["horizonHours"] == h)
    best = ivh.get("bestBaseline")
    ivcells = {c["symbol"]: {x["model"]: x for x in c["models"]} for c in ivh["cells"]}
    pooled = cell_of(s["pooled"], h)
    models = by_model(pooled)
    recipe = m.get("run", {}).get("recipe") or {}
    iv = s["intervals"]
    print(f"Run `{m.get('runId', '–')}`: {m.get('run', {}).get('dataDescription', '')}")
    print()
    print(f"Recipe {recipe.get('name', '–')} v{recipe.get('version', '–')}"
          + (f", overridden by `{' '.join(recipe['overrides'])}`" if recipe.get("overrides")
             else ", as written")
          + f". Reference (named before the run): **{ref}**; best baseline after the run: "
          f"**{best}**. {h} h, {pooled['rows']:,} pooled rows ({pooled.get('varianceRowsExcluded', 0)}"
          f" flat hours left out of QLIKE). Intervals: 95 % paired bootstrap of {iv['blockDays']}-day"
          f" blocks of whole days, {iv['resamples']:,} resamples, seed {iv['seed']}."
          + tracking_line(m))
    print()
    print(f"| model | QLIKE | vs {ref} | DM vs {ref} (p) | hit rate {lvl} (HAC p) "
          f"| pinball {lvl} | AUC | BSS |")
    print("| --- | ---: | --- | --- | --- | ---: | --- | --- |")
    for name, x in models.items():
        ivm = ivcells["pooled"].get(name, {})
        dm = x.get("qlikeVsReference")
        hit = (x.get("allHoursCoverage", {}).get(lvl) or {}).get("hitRate") or {}
        print(f"| {name} | {fmt(x['variance']['qlike'])} "
              f"| {interval(ivm.get('qlikeRatioVsReference'), True) if name != ref else '–'} "
              f"| {'–' if not dm else fmt(dm['statistic'], 2) + ' (' + pval(dm['pValue']) + ')'} "
              f"| {pct(hit.get('rate')).lstrip('+') if hit else '–'} ({pval(hit.get('pValue'))}) "
              f"| {x['pinball'].get(lvl, float('nan')):.3e} "
              f"| {interval(ivm.get('auc'))} | {interval(ivm.get('brierSkillScore'))} |")
    print()
    assets = [c for c in s["perAsset"] if c["horizonHours"] == h]
    target = a.model
    print(f"Per asset, `{target}` against the reference `{ref}` and the best baseline `{best}`:")
    print()
    print(f"| asset | {target} QLIKE | {ref} QLIKE | {target} vs {ref} | {target} vs {best} "
          f"| DM vs {ref} (p, Holm p) | hit rate {lvl} (HAC p, Holm p) "
          f"| DQ by phase {lvl} (p, Holm p) | DQ* / DQ* HAC {lvl} (Holm p) | AUC {target} / {ref} "
          f"/ {best} |")
    print("| --- | ---: | ---: | --- | --- | --- | --- | --- | --- | --- |")
    dms = []
    for c in assets:
        x = by_model(c).get(target) or {}
        d = x.get("qlikeVsReference")
        dms.append(d["pValue"] if d else None)
    dm_holm = holm(dms)
    met_dm = 0
    met_cov = 0
    met_dq = 0
    met_dq_old = [0, 0]
    rows = []
    for c, ph in zip(assets, dm_holm):
        mods = by_model(c)
        x = mods.get(target) or {}
        r = mods.get(ref) or {}
        ivm = ivcells.get(c["symbol"], {})
        d = x.get("qlikeVsReference")
        hit = (x.get("allHoursCoverage", {}).get(lvl) or {}).get("hitRate") or {}
        hx = x.get("holm", {}).get(lvl) or {}
        hp = hx.get("hitRate")
        dqp = ((x.get("allHoursCoverage", {}).get(lvl) or {}).get("dynamicQuantileByPhase")
               or {}).get("pValue")
        dqh = hx.get("dynamicQuantileByPhase")
        if dqh is not None and dqh >= a.alpha:
            met_dq += 1
        for i, k in enumerate(("dynamicQuantile", "dynamicQuantileHac")):
            if hx.get(k) is not None and hx[k] >= a.alpha:
                met_dq_old[i] += 1
        if d and ph is not None and ph < a.alpha and d["statistic"] < 0:
            met_dm += 1
        if hp is not None and hp >= a.alpha:
            met_cov += 1
        aucs = [((ivm.get(n) or {}).get("auc") or {}).get("estimate") for n in (target, ref, best)]
        rows.append(
            f"| {c['symbol']} | {fmt((x.get('variance') or {}).get('qlike'))} "
            f"| {fmt((r.get('variance') or {}).get('qlike'))} "
            f"| {interval((ivm.get(target) or {}).get('qlikeRatioVsReference'), True)} "
            f"| {interval((ivm.get(target) or {}).get('qlikeRatioVsBestBaseline'), True)} "
            f"| {'–' if not d else fmt(d['statistic'], 2) + ' (' + pval(d['pValue']) + ', ' + pval(ph) + ')'} "
            f"| {pct(hit.get('rate')).lstrip('+') if hit else '–'} ({pval(hit.get('pValue'))}, "
            f"{pval(hp)}) | {pval(dqp)} ({pval(dqh)}) "
            f"| {pval(hx.get('dynamicQuantile'))} / {pval(hx.get('dynamicQuantileHac'))} "
            f"| {' / '.join(fmt(v, 3) for v in aucs)} |")
    print("\n".join(rows))
    print()
    print("DQ by phase: Engle-Manganelli's DQ in each of the h phases of the hourly series (windows"
          " that do not overlap), hit lags h..4h, Monte Carlo p-values under i.i.d. hits, combined"
          " by the Cauchy combination test. DQ* (every hour, hit lags h..h+3, chi-squared) and its"
          " HAC form are not valid under overlap: they reject a correct forecast far more often"
          " than their level (scripts/coverage-size-power.py); shown for reference only.")
    print()
    tm = ivcells["pooled"].get(target) or {}
    ratio = tm.get("qlikeRatioVsReference")
    auc = (tm.get("auc") or {})
    bss = (tm.get("brierSkillScore") or {})
    print("| target | measured | met? |")
    print("| --- | --- | --- |")
    if ratio:
        ok = ratio["estimate"] <= -0.10 and ratio["upper"] <= -0.05
        print(f"| {target} QLIKE ≥ 10 % below the reference {ref}, upper end of the 95 % interval "
              f"≤ −5 % | {interval(ratio, True)} | {'yes' if ok else 'no'} |")
    n = len(assets)
    print(f"| DM significant at {a.alpha:.0%} on ≥ 6 of {n} assets after Holm, in {target}'s favour "
          f"| {met_dm} of {n} | {'yes' if met_dm >= 6 else 'no'} |")
    print(f"| {lvl} quantiles pass the HAC hit-rate test on every asset after Holm "
          f"| {met_cov} of {n} | {'yes' if met_cov == n else 'no'} |")
    print(f"| {lvl} quantiles pass the DQ test (by phase) on every asset after Holm "
          f"| {met_dq} of {n} | {'yes' if met_dq == n else 'no'} |")
    print(f"| (for reference, not valid under overlap: DQ* / DQ* HAC pass after Holm) "
          f"| {met_dq_old[0]} / {met_dq_old[1]} of {n} | – |")
    if auc:
        ok = auc["estimate"] >= 0.80 and (bss.get("estimate") or -1) > 0
        print(f"| stress AUC ≥ 0.80 with Brier below climatology | AUC {interval(auc)}, BSS "
              f"{interval(bss)} | {'yes' if ok else 'no'} |")
        by_auc = {k: ((v or {}).get("auc") or {}).get("estimate")
                  for k, v in ivcells["pooled"].items() if k != target}
        by_auc = {k: v for k, v in by_auc.items() if v is not None}
        if by_auc:
            top = max(by_auc, key=by_auc.get)
            ok = auc["estimate"] >= by_auc[top]
            print(f"| {target}'s stress AUC not below the best baseline's (by AUC: {top}) "
                  f"| {auc['estimate']:.3f} vs {by_auc[top]:.3f} | {'yes' if ok else 'no'} |")
    choices = {}
    seen = set()
    for f in m.get("fits", []):
        key = (f.get("model"), f.get("modelVersion"))
        if f.get("model") != target or not f.get("choices") or key in seen:
            continue
        seen.add(key)
        for k, v in f["choices"].items():
            choices.setdefault(k, {}).setdefault(v, 0)
            choices[k][v] += 1
    if choices:
        print()
        print(f"What the {len(seen)} distinct `{target}` fits chose on their selection blocks:")
        print()
        for k, counts in sorted(choices.items()):
            parts = ", ".join(f"`{v}` {c}" for v, c in sorted(counts.items(), key=lambda x: -x[1]))
            print(f"* {k}: {parts}")


if __name__ == "__main__":
    main()

"""Rich tables for ``govreport evaluate``: per-label figures, role confusion, backend comparison."""

from __future__ import annotations

from ..schema import ROLES


def print_evaluation(result: dict, console) -> None:
    from rich.table import Table

    backends = [k for k in result if isinstance(result[k], dict) and "bare" in result[k]]
    if "set" in result:  # govreport evaluate --on FILE
        title = f"{result['set']}: {result['n']} sentences (sha256 {result['sha256'][:12]})"
    else:
        title = f"Dev set: {result['n_dev']} sentences (corpus {result['corpus_sha256'][:12]})"
    compare = Table(title=title)
    compare.add_column("Backend")
    for col in ("role macro-F1", "topic micro-F1", "role macro-F1 (context)", "topic micro-F1 (context)"):
        compare.add_column(col, justify="right")
    for b in backends:
        bare, ctx = result[b]["bare"], result[b]["context"]
        compare.add_row(b, f"{bare['role_macro_f1']:.3f}", f"{bare['topic_micro_f1']:.3f}",
                        f"{ctx['role_macro_f1']:.3f}", f"{ctx['topic_micro_f1']:.3f}")
    for b in backends:
        scores = result[b]["bare"]
        labels = Table(title=f"{b}: per label (bare sentences)")
        for col, justify in (("label", "left"), ("precision", "right"), ("recall", "right"),
                             ("F1", "right"), ("support", "right")):
            labels.add_column(col, justify=justify)
        for group in ("roles", "topics"):
            for label, v in scores[group].items():
                labels.add_row(label, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}",
                               str(v["support"]))
        console.print(labels)
        confusion = Table(title=f"{b}: role confusion (rows gold, columns predicted)")
        confusion.add_column("gold")
        for r in ROLES:
            confusion.add_column(r, justify="right")
        for g in ROLES:
            confusion.add_row(g, *(str(scores["role_confusion"][g][p]) for p in ROLES))
        console.print(confusion)
    console.print(compare)
    if "default" in result:
        why = result["default_reason"]
        shares = "; ".join(f"{k.removesuffix('_wins_share')} better in {v:.0%} of {why['resamples']} resamples"
                           for k, v in why.items() if k.endswith("_wins_share"))
        console.print(f"Default backend: {result['default']} ({why['rule']}{'; ' + shares if shares else ''})")

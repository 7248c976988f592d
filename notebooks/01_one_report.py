# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # One report: from the file to its figures, checks and admitted problems
#
# We read one annual report on government information disclosure (政府信息公开工作年度报告), look at the
# key figures of its tables, the consistency checks, the sentences of 总体情况 that carry the year's facts,
# and the problems it admits with the measures that answer them.

# %%
from pathlib import Path

import pandas as pd

import nlp
from nlp.summary import check_counts, key_figures, summary_dict
from nlp.summary.coverage import coverage
from nlp.summary.specificity import specificity


def project_root() -> Path:
    """The repository, where the samples are: above the working folder, else above the package."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, Path(nlp.__file__).resolve().parents[1]):
        if (folder / "corpus" / "samples").is_dir():
            return folder
    raise FileNotFoundError("corpus/samples not found: run this notebook inside the govreport-nlp repository")


ROOT = project_root()
PATH = ROOT / "corpus" / "samples" / "township-2023.txt"
report = nlp.read_report(PATH, tag=True)
report.meta

# %% [markdown]
# ## Key figures (tables first, the narrative as a fallback)

# %%
pd.DataFrame([{"figure": k.label, "value": k.value, "source": k.source} for k in key_figures(report)])

# %% [markdown]
# ## Checks: do the figures add up?
# A relation that touches a blank cell is *not assessable*, never a pass.

# %%
print(check_counts(report))
pd.DataFrame([{"rule": c.rule, "status": c.status, "message": c.message} for c in report.checks
              if c.status != "pass"])

# %% [markdown]
# The same for the sample with planted errors:

# %%
errors = nlp.read_report(ROOT / "corpus" / "samples" / "errors-township-2023.txt")
[(c.rule, c.message) for c in errors.failed_checks]

# %% [markdown]
# ## 总体情况 in brief

# %%
for sentence in summary_dict(report)["overview"]:
    print("-", sentence["text"])

# %% [markdown]
# ## Admitted problems, how specific they are, and the measure that answers each

# %%
cov = coverage(report)
pd.DataFrame([{"problem": a.problem, "topics": ", ".join(a.topics), "specificity": specificity(a.problem).score,
               "answering measure": a.measure, "similarity": a.similarity} for a in cov.answers])

# %%
assert len(cov.answers) == 4 and not cov.unanswered
print(f"{len(cov.answered)} of {len(cov.answers)} problems answered")

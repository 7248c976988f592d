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
# # A corpus: recurring weaknesses by level and year
#
# All the project's samples (`corpus/samples/`, with the three-year series of three bodies), read and
# tagged; then the weaknesses the bodies admit, ranked by how many bodies admit them, split by year and
# administrative level, the boilerplate that travels between bodies, and each body's year-over-year changes.

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image, display

import nlp
from nlp.summary.charts import topic_chart, topic_year_chart
from nlp.summary.sources import load_reports


def project_root() -> Path:
    """The repository, where the samples are: above the working folder, else above the package."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, Path(nlp.__file__).resolve().parents[1]):
        if (folder / "corpus" / "samples").is_dir():
            return folder
    raise FileNotFoundError("corpus/samples not found: run this notebook inside the govreport-nlp repository")


ROOT = project_root()
loaded = load_reports([ROOT / "corpus" / "samples"])
summary = nlp.summarize_corpus(loaded.reports, loaded.errors)
print(len(summary.reports), "reports,", len(summary.bodies), "bodies, skipped:", summary.errors)

# %% [markdown]
# ## Recurring weaknesses, ranked by the number of bodies admitting them

# %%
recurring = pd.DataFrame([r.to_dict() for r in summary.recurring]).set_index("topic")
recurring[["bodies", "reports", "sentences", "share"]]

# %% [markdown]
# ### By year and by level (reports admitting each weakness)

# %%
by_year = pd.DataFrame({r.topic: r.by_year for r in summary.recurring}).T.fillna(0).astype(int)
by_level = pd.DataFrame({r.topic: r.by_level for r in summary.recurring}).T.fillna(0).astype(int)
display(by_year)
by_level

# %%
fig, ax = plt.subplots(figsize=(7, 4))
by_level.plot.barh(stacked=True, ax=ax)
ax.set_xlabel("reports admitting it")
ax.invert_yaxis()
fig.tight_layout()
display(fig)
plt.close(fig)

# %% [markdown]
# The package's own charts (PNG bytes, as embedded in the HTML and Markdown outputs):

# %%
display(Image(topic_chart({r.topic: r.bodies for r in summary.recurring}, "Bodies admitting each weakness", ranked=True)))
display(Image(topic_year_chart({r.topic: r.by_year for r in summary.recurring}, "Reports admitting each weakness")))

# %% [markdown]
# ## How vague are the admitted problems?

# %%
pd.DataFrame.from_dict({k: v.to_dict() for k, v in {**summary.vague_by_level, **summary.vague_by_year}.items()},
                       orient="index")

# %% [markdown]
# ## Boilerplate that travels between bodies

# %%
pd.DataFrame([{"size": c.size, "bodies": "、".join(c.agencies), "example": c.example} for c in summary.clusters])

# %% [markdown]
# ## Year over year

# %%
pd.DataFrame([{"agency": p.agency, "years": f"{p.from_year}→{p.to_year}", "repeated": len(p.repeated),
               "reworded": len(p.reworded), "dropped": len(p.dropped), "new": len(p.new),
               "copy_index": p.copy_index, "measures done": len(p.measures_done),
               "not mentioned": len(p.measures_not_mentioned),
               "checks not passed": [f"{c.rule} {c.status}" for c in p.checks if c.status != "pass"]}
              for p in summary.year_over_year])

# %% [markdown]
# ## Key figures across the corpus

# %%
frame = nlp.corpus_frame(summary.reports)
frame[["agency", "year", "level", "requests_new", "disclosure_rate", "checks_failed", "problems", "problems_vague"]]

# %%
series = frame[frame["agency"] == "白鹭湾县人民政府"].set_index("year")
fig, ax = plt.subplots(figsize=(6, 3))
series[["requests_new", "requests_handled"]].plot(marker="o", ax=ax)
ax.set_title("Requests over the years (one county)")
fig.tight_layout()
display(fig)
plt.close(fig)

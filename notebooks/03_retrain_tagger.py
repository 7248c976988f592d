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
# # Retraining and evaluating the sentence tagger
#
# The tagger gives every narrative sentence a role (problem / measure / other) and topics. Here we retrain
# the scikit-learn backend on the labelled sentences of `corpus/sentences/` into a temporary folder (the
# shipped `models/` stay untouched), evaluate it on the dev split, and use it on a report.

# %%
import tempfile
from pathlib import Path

import pandas as pd

import nlp
from nlp.tagging import load_tagger
from nlp.tagging.corpus import load_corpus, split
from nlp.tagging.evaluate import evaluate_models
from nlp.tagging.features import prepare_many
from nlp.tagging.train import train


def project_root() -> Path:
    """The repository, where the samples are: above the working folder, else above the package."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, Path(nlp.__file__).resolve().parents[1]):
        if (folder / "corpus" / "samples").is_dir():
            return folder
    raise FileNotFoundError("corpus/samples not found: run this notebook inside the govreport-nlp repository")


ROOT = project_root()
examples = load_corpus(ROOT / "corpus" / "sentences")
parts = split(examples)
print(len(examples), "labelled sentences:", len(parts.train), "train,", len(parts.dev), "dev")
pd.Series([ex.role for ex in examples]).value_counts()

# %% [markdown]
# ## Train the sklearn backend (under a minute)

# %%
workdir = tempfile.TemporaryDirectory()
out = Path(workdir.name)
training = train(corpus_dir=ROOT / "corpus" / "sentences", out_dir=out, backends=("sklearn",), log=print)
sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())

# %% [markdown]
# ## Evaluate on the dev split: bare sentences and with their context (section, heading)

# %%
result = evaluate_models(backends=("sklearn",), directory=out, corpus_dir=ROOT / "corpus" / "sentences")
scores = result["sklearn"]
pd.DataFrame({view: {"role macro-F1": s["role_macro_f1"], "topic micro-F1": s["topic_micro_f1"]}
              for view, s in scores.items()})

# %%
pd.DataFrame(scores["bare"]["roles"]).T

# %%
pd.DataFrame(scores["bare"]["role_confusion"]).T.rename_axis("gold \\ predicted")

# %%
assert scores["bare"]["role_macro_f1"] > 0.6, scores["bare"]["role_macro_f1"]

# %% [markdown]
# ## Use the retrained tagger

# %%
tagger = load_tagger("sklearn", str(out))
sentences = ["工作人员业务能力有待进一步提高。", "下一步将加强业务培训，提升工作人员能力。", "全年主动公开政府信息186条。"]
[(s, role, topics) for s, (role, topics, _) in zip(sentences, tagger.tag(prepare_many(sentences)))]

# %%
workdir.cleanup()

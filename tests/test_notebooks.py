"""Every notebook in notebooks/ (jupytext percent .py files) runs from top to bottom without an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.py"))
TIMEOUT = 600  # seconds per cell; retraining the tagger takes about half a minute


def test_there_are_at_least_three_notebooks():
    assert len(NOTEBOOKS) >= 3


@pytest.fixture(scope="module")
def tagger_ready():
    from nlp.errors import ModelError
    from nlp.tagging import load_tagger, models_dir

    try:
        load_tagger()
    except ModelError as exc:
        pytest.skip(f"no trained tagger in {models_dir()}: {exc}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, tagger_ready):
    jupytext = pytest.importorskip("jupytext")
    nbclient = pytest.importorskip("nbclient")
    notebook = jupytext.read(path)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    client = nbclient.NotebookClient(
        notebook, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError on the first cell that fails
    errors = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    # a figure shown is a picture, not the text "<Figure size ...>" (as with a non-inline backend)
    shown = [o.get("data", {}) for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [d for d in shown if str(d.get("text/plain", "")).startswith("<Figure") and "image/png" not in d]

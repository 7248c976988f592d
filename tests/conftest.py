"""Shared fixtures: where the real reports and the project's samples live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"
SHARED = ROOT.parent / "shared"
REPORTS = SHARED / "reports"

# The six section titles of the 2021 format, as the format prints them.
TITLES_2021 = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def real_report(name: str) -> Path:
    """Path of a real report in ../shared/reports, or skip the test with the reason."""
    path = REPORTS / name
    if not path.exists():
        pytest.skip(f"real report {name} not available: ../shared/reports is absent")
    return path


@pytest.fixture
def binggu() -> Path:
    return real_report("binggu-town-2023.txt")


@pytest.fixture
def huaian() -> Path:
    return real_report("huaian-city-2024.pdf")


@pytest.fixture
def template_docx() -> Path:
    return real_report("format-2021-blank-template.docx")


@pytest.fixture(scope="session")
def tagger():
    """The shipped default tagger, or skip with the reason (no trained models)."""
    from nlp.errors import ModelError
    from nlp.tagging import load_tagger, models_dir

    try:
        return load_tagger()
    except ModelError as exc:
        pytest.skip(f"no trained tagger in {models_dir()}: {exc}")

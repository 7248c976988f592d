"""The HTML summary: self-contained, opens in headless Chromium, same facts as Markdown and JSON."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from html import unescape
from pathlib import Path

import pytest

import nlp
from nlp.errors import ModelError
from nlp.summary import _fmt, by_topic, key_figures, summary_record, to_markdown
from nlp.summary.charts import cjk_font, figures_chart, topic_chart, topic_label, topic_year_chart
from nlp.summary.html import report_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0", "--window-size=1200,3000",
)


@pytest.fixture(scope="module")
def huaian_report():
    from conftest import real_report
    from nlp.tagging import load_tagger, models_dir

    path = real_report("huaian-city-2024.pdf")
    try:
        load_tagger()
    except ModelError as exc:
        pytest.skip(f"no trained tagger in {models_dir()}: {exc}")
    return nlp.read_report(path, tag=True)


@pytest.fixture(scope="module")
def page(huaian_report) -> str:
    return report_html(huaian_report)


def _text(html: str) -> str:
    """Visible text of the page, tags removed (images' base64 gone with them)."""
    return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S)))


def test_page_is_self_contained(page):
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert not re.search(r"""(?:src|href)=["'](?!data:)""", page)  # nothing fetched from anywhere
    assert re.search(r'<img class="chart" alt="sentences by topic" src="data:image/png;base64,', page)
    assert '<meta charset="utf-8">' in page


def test_html_markdown_and_json_carry_the_same_facts(huaian_report, page):
    text = _text(page)
    md = to_markdown(huaian_report)
    record = summary_record(huaian_report)
    # key figures: the same values in all three
    for k in key_figures(huaian_report):
        shown = _fmt(k.value, k.approximate)
        assert shown in text and shown in md, k
    assert record["requests"]["new"]["total"] == 3119 and "3,119" in text and "3,119" in md
    # failed checks: same messages (the report has none: the counts agree)
    failed = [c for c in record["checks"] if c["status"] == "fail"]
    assert f"{len(failed)} fail" in text and f"{len(failed)} fail" in md
    for c in failed:
        assert c["message"] in text and c["message"] in md
    # topics: every tagged topic of a problem or measure appears in all three
    topics = sorted({t for s in record["sentences"] if s["role"] in ("problem", "measure") for t in s["topics"]})
    assert topics and topics == sorted(by_topic(huaian_report))
    for t in topics:
        assert topic_label(t) in text and f"### {t} (" in md
    # the analyst's parts
    for o in record["summary"]["overview"]:
        assert o["text"] in text and o["text"] in md
    cov = record["summary"]["coverage"]
    assert f"{cov['answered']} of {cov['problems']} admitted problems" in text
    assert f"{cov['answered']} of {cov['problems']} admitted problems" in md


def test_charts_without_a_cjk_font_use_english_keys_and_warn_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pngs = [
            topic_chart({"staff": 3, "content": 1}, "Problems by topic", {"staff": 1}),
            topic_year_chart({"staff": {"2022": 1, "2023": 2}}, "By year"),
            figures_chart([2022, 2023], {"new requests": [3, None]}, "Figures over years"),
        ]
    assert all(p.startswith(b"\x89PNG") and len(p) > 2000 for p in pngs)
    assert topic_label("staff") == ("队伍与能力" if cjk_font() else "staff")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (apt-get install -y chromium)")
def test_page_opens_in_headless_chromium(page, tmp_path: Path):
    html = tmp_path / "huaian.html"
    html.write_text(page, encoding="utf-8")
    shot = tmp_path / "huaian.png"
    profile = tmp_path / "profile"
    out = subprocess.run(
        [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", html.as_uri()],
        capture_output=True, text=True, timeout=180,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 20_000
    assert shot.read_bytes().startswith(b"\x89PNG")
    console = [line for line in out.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not [line for line in console if "Uncaught" in line or "ERROR" in line.upper()], console
    shutil.rmtree(profile, ignore_errors=True)


def test_cli_writes_the_html_page(tmp_path: Path, huaian_report):
    import sys

    out_file = tmp_path / "page.html"
    code = "import sys\nfrom nlp.cli import main\nsys.argv = ['govreport', *sys.argv[1:]]\nmain()"
    out = subprocess.run([sys.executable, "-c", code, "summarize", str(huaian_report.source), "--format", "html",
                          "-o", str(out_file)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out_file.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

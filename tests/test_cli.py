"""The command line as a user meets it: real processes, real files, exit codes, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import SAMPLES, real_report

SAMPLE = SAMPLES / "township-2023.txt"
ERRORS_SAMPLE = SAMPLES / "errors-township-2023.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    code = "import sys\nfrom nlp.cli import main\nsys.argv = ['govreport', *sys.argv[1:]]\nmain()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


def test_summarize_rich_shows_figures_checks_and_sections():
    out = run("summarize", str(SAMPLE))
    assert out.returncode == 0, out.stderr
    for heading in ("Key figures", "Derived metrics", "Sections", "Checks"):
        assert heading in out.stdout


def test_summarize_json_has_the_record_keys():
    out = run("summarize", str(SAMPLE), "--format", "json")
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert list(record) == [
        "meta", "sections", "missing_sections", "proactive", "requests",
        "review_litigation", "figures", "checks", "metrics", "sentences", "summary",
    ]
    assert record["meta"]["level"] == "township"


def test_summarize_markdown_carries_the_same_failed_checks_as_json():
    md = run("summarize", str(ERRORS_SAMPLE), "--format", "markdown")
    js = json.loads(run("summarize", str(ERRORS_SAMPLE), "--format", "json").stdout)
    failed = [c for c in js["checks"] if c["status"] == "fail"]
    assert failed
    for c in failed:
        assert c["message"] in md.stdout


def test_check_exits_1_and_prints_one_line_per_failed_check():
    out = run("check", str(ERRORS_SAMPLE))
    assert out.returncode == 1
    lines = out.stdout.strip().splitlines()
    assert len(lines) >= 3
    assert all(line.startswith(str(ERRORS_SAMPLE)) for line in lines)


def test_check_exits_0_on_a_consistent_report():
    out = run("check", str(SAMPLE))
    assert out.returncode == 0, out.stdout
    assert out.stdout == "" and "failed" not in out.stderr


def test_check_says_how_many_checks_it_could_not_assess_and_fails_an_unfilled_template():
    """The blank 2021 template (every cell blank, section 六 only the placeholder 文字描述…在此处报告):
    its blank checks are counted as not assessable, and the placeholder is no fee statement."""
    template = real_report("format-2021-blank-template.docx")
    out = run("check", str(template))
    assert out.returncode == 1
    assert out.stdout.splitlines() == [f"{template}: F.fee_statement: section 六 (other) holds the template's placeholder "
                                       "(文字描述…在此处报告), not a statement on information-processing fees (信息处理费)"]
    assert re.match(rf"{re.escape(str(template))}: (\d+) of (\d+) checks not assessable \(.*\)\n", out.stderr)


def test_backend_cannot_go_with_no_tag():
    out = run("summarize", str(SAMPLE), "--no-tag", "--backend", "spacy")
    assert out.returncode == 2 and out.stderr.startswith("error: --backend") and len(out.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.txt", b"", "empty"),
        ("garbage.pdf", bytes(range(256)) * 8, "PDF"),
        ("notes.xyz", "政府信息公开".encode(), "xyz"),
        ("shopping.txt", "今天去超市买了苹果和香蕉，还有牛奶。".encode(), "not a government"),
    ],
)
def test_bad_input_gets_one_line_naming_the_file_and_exit_2(tmp_path: Path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    for command in ("summarize", "check"):
        out = run(command, str(path))
        assert out.returncode == 2
        assert "Traceback" not in out.stderr
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1, out.stderr
        assert name in lines[0] and problem.lower() in lines[0].lower()


def test_missing_file_is_bad_input(tmp_path: Path):
    out = run("summarize", str(tmp_path / "nope.txt"))
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1


def test_a_missing_path_among_several_is_a_typo_not_a_file_to_skip(tmp_path: Path):
    """summarize a.txt nope.txt (or a flag given a value, --charts true): exit 2 before any work."""
    for args in ([str(SAMPLE), str(tmp_path / "nope.txt")], [str(SAMPLE), "--charts", "true"]):
        out = run("summarize", *args)
        assert out.returncode == 2 and out.stdout == ""
        assert out.stderr.strip().splitlines()[-1].endswith(": no such file or folder")


def test_summarize_console_script_is_the_same_command():
    code = "import sys\nfrom nlp.cli import summarize_main\nsys.argv = ['summarize', *sys.argv[1:]]\nsummarize_main()"
    out = subprocess.run(
        [sys.executable, "-c", code, str(SAMPLE), "--format", "json"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["meta"]["level"] == "township"


def test_help_is_the_manual():
    out = run("--help")
    assert out.returncode == 0
    assert "summarize" in out.stdout and "check" in out.stdout


@pytest.mark.parametrize("width", [80, 150])
@pytest.mark.parametrize("command", ["summarize", "check", "train", "evaluate", "tag"])
def test_help_paragraphs_are_wrapped_to_the_terminal(command, width, monkeypatch):
    """A paragraph of a command's description runs on to the terminal's width: no line of it
    stops early with the next line continuing it (as when the docstring's own breaks are kept)."""
    monkeypatch.setenv("COLUMNS", str(width))
    out = run(command, "--help")
    assert out.returncode == 0, out.stderr
    description = out.stdout.split("Usage:", 1)[1].split("╭", 1)[0].splitlines()[1:]
    assert sum(bool(line.strip()) for line in description) >= 2
    for line, after in zip(description, description[1:]):
        if line.strip() and after.strip():  # a line followed by more of its paragraph
            next_word = after.split()[0]  # would not have fit on the line (Rich pads a column each side)
            assert len(line.rstrip()) + 1 + len(next_word) > width - 4, f"{command} --help: {line!r} stops early"


def test_an_output_that_cannot_be_written_is_one_line_before_any_work(tmp_path: Path):
    for target, problem in ((tmp_path / "no" / "such" / "r.json", "cannot write: no folder"),
                            (tmp_path, "is a folder")):
        out = run("summarize", str(SAMPLE), "--format", "json", "-o", str(target))
        assert out.returncode == 2 and out.stdout == ""
        assert out.stderr == f"error: {target}: {out.stderr.split(': ', 2)[2]}" and problem in out.stderr
        assert len(out.stderr.splitlines()) == 1


def test_check_goes_on_after_an_unreadable_file(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = run("check", str(empty), str(ERRORS_SAMPLE))
    assert out.returncode == 2  # a file could not be read: that wins over failed checks
    assert out.stdout and all(line.startswith(str(ERRORS_SAMPLE)) for line in out.stdout.splitlines())
    assert f"error: {empty}: empty file" in out.stderr and "1 of 2 file(s) could not be read" in out.stderr


@pytest.mark.parametrize("args, message", [
    (["--timeout", "inf"], "timeout inf: give seconds up to 86400, or 0 for no limit"),
    (["--out", str(SAMPLE)], "exists and is not a folder"),
])
def test_tag_refuses_bad_options_in_one_line(tmp_path: Path, args, message):
    if "--out" not in args:
        args = [*args, "--out", str(tmp_path / "out")]
    out = run("tag", str(SAMPLES), *args)
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr


def test_evaluate_on_a_labelled_file_scores_every_sentence_of_it(tmp_path: Path):
    """`govreport evaluate --on FILE` scores both backends on all the sentences of a labelled
    JSON-lines file (only text, role and topics given), with the figures the evaluation API gives;
    a file it cannot use is one line on stderr naming it, exit 2."""
    from nlp.tagging import load_tagger
    from nlp.tagging.corpus import load_corpus, split
    from nlp.tagging.evaluate import score_tagger

    dev = split(load_corpus()).dev[::25]
    labelled = tmp_path / "mine.jsonl"
    labelled.write_text("".join(json.dumps({"text": ex.text, "role": ex.role, "topics": list(ex.topics)},
                                           ensure_ascii=False) + "\n" for ex in dev), encoding="utf-8")
    figures = tmp_path / "figures.json"
    out = run("evaluate", "--on", str(labelled), "--json", str(figures))
    assert out.returncode == 0, out.stderr
    shown = " ".join(out.stdout.split())  # the title wraps at the terminal's width
    assert f"{len(dev)} sentences (sha256" in shown and "Default backend" not in shown
    result = json.loads(figures.read_text(encoding="utf-8"))
    assert result["set"] == str(labelled) and result["n"] == len(dev) and "default" not in result
    for backend in ("sklearn", "spacy"):
        want, _ = score_tagger(load_tagger(backend), [replace(ex, section=None, heading=None) for ex in dev])
        assert result[backend]["bare"]["topic_micro_f1"] == want["bare"]["topic_micro_f1"]
        assert result[backend]["bare"]["role_macro_f1"] == want["bare"]["role_macro_f1"]

    bad = {
        "missing.jsonl": None,
        "not-json.jsonl": "{\"text\": \"网站更新不及时。\", \"role\": \"problem\"\nnot json\n",
        "bad-topic.jsonl": json.dumps({"text": "网站更新不及时。", "role": "problem", "topics": ["speed"]}) + "\n",
        "no-role.jsonl": json.dumps({"text": "网站更新不及时。"}) + "\n",
        "empty.jsonl": "",
        "several.jsonl": '{"text": "a", "role": "bogus"}\nnot json\n{"text": "b", "role": "other"}\n',
    }
    for name, text in bad.items():
        path = tmp_path / name
        if text is not None:
            path.write_text(text, encoding="utf-8")
        out = run("evaluate", "--on", str(path))
        assert out.returncode == 2 and len(out.stderr.splitlines()) == 1 and name in out.stderr, (name, out.stderr)
    out = run("evaluate", "--on", str(tmp_path / "several.jsonl"))  # every bad line named in one run
    assert "2 bad lines: several.jsonl:1: unknown role 'bogus'; several.jsonl:2: not a JSON object" in out.stderr
    out = run("evaluate", "--on", str(labelled), "--corpus", str(tmp_path))
    assert out.returncode == 2 and "not both" in out.stderr

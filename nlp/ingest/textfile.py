"""Plain-text files: find the encoding, never guess silently.

Order: byte-order mark; UTF-16 without BOM when there are NUL bytes (the byte order giving
more ordinary characters wins); UTF-8 (strict, or with at most one undecodable byte in a
thousand: a damaged or cut file, those bytes become U+FFFD); strict GB18030, accepted outright
when its characters are ordinary GB2312 ones, otherwise Big5 is considered too and
charset-normalizer decides between the candidates that decode; last, GB18030 with as few
undecodable bytes.  The decoded text must then look like text (few control or private-use
characters, mostly CJK or ASCII letters and digits), else the file is refused.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import replace

from ..errors import ReportError
from ..model import Document
from .common import is_cjk
from .markdown import markdown_to_text

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_BAD_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs"})
_MAX_BAD_SHARE = 0.01  # control / private-use / unassigned characters tolerated
_MIN_WORD_SHARE = 0.3  # CJK or ASCII letters and digits among the non-space characters
_MIN_ORDINARY_SHARE = 0.5  # ASCII or GB2312 characters needed to accept UTF-16 without BOM
_MIN_GB2312_SHARE = 0.9  # GB18030 text whose CJK characters are this ordinary is accepted outright
_MAX_DAMAGE_RATIO = 1000  # a damaged file may have one undecodable byte per this many
_SAMPLE = 200_000  # characters examined by the statistics above


def _not_text(source: str | None, why: str) -> ReportError:
    return ReportError(source, f"the file is not text in a known encoding ({why})")


# Characters that can never be control, private-use, unassigned or surrogate: most of a report.
_ORDINARY_RUN = re.compile(
    "[\t\n\r\f\v\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e"
    "\u2100-\u218b\u2190-\u2426\u2460-\u27bf\u3000-\u303f\u3041-\u3096\u3099-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\uff01-\uffbe]+"
)
# Runs rather than single characters: counting run lengths makes far fewer objects.
_WORD_RUN = re.compile("[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff\U00020000-\U0010ffff]+")
# For a text without astral characters, _word_count counts the same characters with byte
# operations: CJK ones by the high byte of their UTF-16 code unit (0x34-0x9f: U+3400-U+9FFF,
# 0xf9-0xfa: U+F900-U+FAFF), ASCII letters and digits among the ASCII characters.
_NOT_CJK_HIGH = bytes(b for b in range(256) if not (0x34 <= b <= 0x9F or b in (0xF9, 0xFA)))
_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())


def _word_count(text: str) -> int:
    """Characters of ``text`` that ``_WORD_RUN`` matches (CJK, ASCII letters and digits).

    The regex costs some 50 us on a report (one match per run between punctuation); the
    byte operations below, all looping in C, cost a tenth of that."""
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) != 2 * len(text):  # astral characters (surrogate pairs): count with the regex
        return sum(map(len, _WORD_RUN.findall(text)))
    cjk = len(units[1::2].translate(None, _NOT_CJK_HIGH))
    return cjk + len(text.encode("ascii", "ignore").translate(None, _NOT_ALNUM))


_RULE_CHARS = "|｜-─━═+"


def _looks_like_text(text: str) -> bool:
    """Few control/private-use characters and mostly CJK or ASCII letters and digits."""
    text = text[:_SAMPLE]
    words = _word_count(text)
    # Enough words among all the characters are enough among the visible ones: only a text
    # with fewer needs its visible characters counted.
    if words < _MIN_WORD_SHARE * len(text):
        # (str.split and regex \s agree on what is a space; the lines a page draws its tables with,
        # |, ｜, -, ─, +, are neither words nor garbage)
        n_visible = sum(map(len, text.split())) - sum(map(text.count, _RULE_CHARS))
        if not n_visible:
            return True  # whitespace only: reported as an empty file by the caller
        if words < _MIN_WORD_SHARE * n_visible:
            return False
    rare = _ORDINARY_RUN.sub("", text)  # only these need a look at their Unicode category
    bad = sum(
        1
        for c in rare
        if c == "\ufffd"
        or (c not in _ALLOWED_CONTROLS and unicodedata.category(c) in _BAD_CATEGORIES)
    )
    return bad <= _MAX_BAD_SHARE * len(text)


def _decode_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode as UTF-16 in the byte order giving more ordinary characters, or None."""
    decoded = [
        (text, name)
        for name in ("utf-16-le", "utf-16-be")
        if (text := _decode_strict(data, name)) is not None
    ]
    if not decoded:
        return None
    text, name = max(decoded, key=lambda pair: _ordinary_share(pair[0]))
    return (text, name) if _ordinary_share(text) >= _MIN_ORDINARY_SHARE else None


def _is_gb2312(char: str) -> bool:
    return len(char.encode("gb2312", "ignore")) == 2


def _ordinary_share(text: str) -> float:
    """Share of ASCII and GB2312 characters (a UTF-16 text read in the wrong byte order has few)."""
    text = text[:_SAMPLE]
    return sum(1 for c in text if c.isascii() or _is_gb2312(c)) / len(text) if text else 0.0


def _gb2312_share(text: str) -> float:
    """Share of the CJK characters that are ordinary (GB2312) simplified characters."""
    cjk = [c for c in text[:_SAMPLE] if is_cjk(c)]
    return sum(1 for c in cjk if _is_gb2312(c)) / len(cjk) if cjk else 1.0


def _choose(data: bytes, candidates: dict[str, str]) -> str:
    """Let charset-normalizer pick among encodings that all decode ``data`` strictly."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=list(candidates)).best()
    name = codecs.lookup(best.encoding).name if best is not None else ""
    return name if name in candidates else next(iter(candidates))


def _decode_damaged(data: bytes, encoding: str) -> str | None:
    """``data`` with its few undecodable bytes (a damaged or cut file) as U+FFFD, or None."""
    text = data.decode(encoding, errors="replace")
    return text if text.count("\ufffd") <= max(2, len(data) // _MAX_DAMAGE_RATIO) else None


def _decode_without_bom(data: bytes, source: str | None) -> tuple[str, str]:
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise _not_text(source, "contains NUL bytes but is not UTF-16")
        return utf16
    text = _decode_strict(data, "utf-8")
    if text is None:
        text = _decode_damaged(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    gb = _decode_strict(data, "gb18030")
    if gb is not None and _gb2312_share(gb) >= _MIN_GB2312_SHARE:
        return gb, "gb18030"
    candidates = {
        name: decoded
        for name, decoded in (("gb18030", gb), ("big5", _decode_strict(data, "big5")))
        if decoded is not None
    }
    if candidates:
        encoding = _choose(data, candidates) if len(candidates) > 1 else next(iter(candidates))
        return candidates[encoding], encoding
    gb = _decode_damaged(data, "gb18030")
    if gb is None:
        raise _not_text(source, "not valid UTF-8, GB18030 or Big5")
    return gb, "gb18030"


def decode_bytes(data: bytes, source: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file: (text, name of the encoding used).

    Raises ReportError when the bytes are not text in a known encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_strict(data[len(bom) :], encoding)
            if text is None:
                raise _not_text(source, f"has a {encoding} byte-order mark but does not decode")
            break
    else:
        text, encoding = _decode_without_bom(data, source)
    if not _looks_like_text(text):
        raise _not_text(source, f"decodes as {encoding} to mostly control or unusual characters")
    return text, encoding


def read_text(data: bytes, source: str | None) -> Document:
    """A .txt file as a Document (text not yet normalised)."""
    text, encoding = decode_bytes(data, source)
    return Document(text=text, source=source, kind="txt", encoding=encoding)


def read_markdown(data: bytes, source: str | None) -> Document:
    """A .md file as a Document: decoded as a text file, Markdown's marks removed
    (:func:`.markdown.markdown_to_text`)."""
    doc = read_text(data, source)
    return replace(doc, text=markdown_to_text(doc.text))

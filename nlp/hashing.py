"""Content hashes of files: how reports (batch) and model files (tagging) are identified."""

from __future__ import annotations

import hashlib
import os

# What a file's first bytes show it is: a PDF, a Word package (a zip), an old Word file (OLE).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"), (b"PK\x03\x04", "Word"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Word"),
)
_TEXT_KINDS = ("text", "HTML")  # the kinds of names that bytes with no such mark fit


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Hex sha256 of a file's bytes."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def content_id(digest: str, kind: str, head: bytes) -> str:
    """The id of a report's content: the sha256 of a file's bytes (``digest``) when the kind of its
    name (:func:`nlp.ingest.file_kind`) fits what its first bytes (``head``) show: a PDF, a Word
    package, an old Word file, else text (a .txt, .md, .html or .htm name).  Bytes under a name of
    another kind are another content (a text file named .docx is no Word file, and reading it
    should say so): then the id is the sha256 of ``"<digest>:<kind>"``.  The id of a file depends
    on that file alone, so the same bytes get the same id in any corpus, in any order.

    >>> content_id("ab", "text", b"report"), content_id("ab", "PDF", b"%PDF-1.7") == "ab", content_id("ab", "Word", b"report") != "ab"
    ('ab', True, True)
    """
    shown = next((name for magic, name in _MAGIC if head.startswith(magic)), None)
    if (kind == shown) if shown else kind in _TEXT_KINDS:
        return digest
    return hashlib.sha256(f"{digest}:{kind}".encode()).hexdigest()


def file_content_id(path: str | os.PathLike[str], kind: str) -> str:
    """:func:`content_id` of a file, read once."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        fh.seek(0)
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
    return content_id(digest, kind, head)

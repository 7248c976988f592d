"""Content hashes of files: how reports (batch) and model files (tagging) are identified."""

from __future__ import annotations

import hashlib
import os


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Hex sha256 of a file's bytes."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def content_id(digest: str, kind: str, first_kind: dict[str, str]) -> str:
    """The id of a report's content: the sha256 of a file's bytes (``digest``), read as a kind of
    file (:func:`nlp.ingest.file_kind`).  The same bytes under a name of another kind are another
    content (a text file named .docx is no Word file, and reading it should say so): then the id
    is the sha256 of ``"<digest>:<kind>"``.  ``first_kind`` records the kind each digest was
    first found as, and is updated.

    >>> first = {}
    >>> content_id("ab", "text", first), content_id("ab", "text", first) == "ab", content_id("ab", "Word", first) != "ab"
    ('ab', True, True)
    """
    if first_kind.setdefault(digest, kind) == kind:
        return digest
    return hashlib.sha256(f"{digest}:{kind}".encode()).hexdigest()

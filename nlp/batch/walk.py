"""Find the report files of a corpus and identify each by the sha256 of its bytes.

The file list is sorted by relative path (POSIX form, code point order), and every later stage
follows that order, so that the outputs do not depend on the order the file system lists files in
nor on how many workers ran.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportError
from ..hashing import content_id, sha256_file
from ..ingest import file_kind, is_report_name
from ..ingest.common import stat_regular


def find_files(corpus: Path, skip: Path | None = None) -> list[str]:
    """Relative POSIX paths of the report files under ``corpus``, sorted.

    Recursive; the files :func:`nlp.ingest.is_report_name` takes (a report suffix, not hidden, not
    ``README*``), outside hidden folders and the folder ``skip`` (the output folder, when it lies
    inside the corpus).
    """
    root = str(corpus)
    skipped = str(skip.resolve()) if skip is not None else None
    found: list[str] = []
    for folder, dirs, files in os.walk(root):  # (strings, not Paths: a corpus has many files)
        dirs[:] = [d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) != skipped]
        here = os.path.relpath(folder, root)
        prefix = "" if here == "." else here + "/"
        found += [prefix + name for name in files if is_report_name(name)]
    found.sort()
    return found


@dataclass
class Manifest:
    """Every file found, in sorted order, with its content hash (``None`` if unreadable).

    The first path (in sorted order) holding a content is its *primary*: the one whose rows are
    written; the other paths with the same content are its *duplicates*.  A content is the bytes
    of a file read as one kind of file (:func:`nlp.ingest.file_kind`): the same bytes named
    ``.txt`` and ``.docx`` are two contents (the second is likely no Word file at all, and should
    say so): hashes are :func:`nlp.hashing.content_id`.
    """

    paths: list[str]
    hashes: list[str | None]
    unreadable: dict[str, str] = field(default_factory=dict)  # path -> problem
    primary: dict[str, str] = field(default_factory=dict)  # hash -> primary path
    copies: dict[str, list[str]] = field(default_factory=dict)  # hash -> duplicate paths

    @classmethod
    def build(
        cls, corpus: Path, paths: list[str], on_file: Callable[[], None] = lambda: None
    ) -> "Manifest":
        """Hash every file (calling ``on_file`` after each) and group equal contents."""
        manifest = cls(paths=paths, hashes=[])
        kinds: dict[str, str] = {}  # sha256 -> the kind of file (text, PDF ...) it was first found as
        for rel in paths:
            path = os.path.join(corpus, rel)
            try:
                stat_regular(path, rel)  # a pipe or a device is never opened: it could block or never end
                digest: str | None = sha256_file(path)
            except ReportError as exc:
                digest = None
                manifest.unreadable[rel] = exc.problem
            except OSError as exc:
                digest = None
                manifest.unreadable[rel] = f"cannot read the file ({exc.strerror or exc})"
            if digest is not None:
                digest = content_id(digest, file_kind(rel), kinds)
            manifest.hashes.append(digest)
            if digest is not None:
                if digest in manifest.primary:
                    manifest.copies.setdefault(digest, []).append(rel)
                else:
                    manifest.primary[digest] = rel
            on_file()
        return manifest

    @property
    def n_duplicates(self) -> int:
        """Files whose content is already held by an earlier file."""
        return sum(len(v) for v in self.copies.values())

    def primaries(self) -> Iterator[tuple[int, str, str]]:
        """(index, path, hash) of each distinct content's primary file, in path order."""
        for index, (rel, digest) in enumerate(zip(self.paths, self.hashes)):
            if digest is not None and self.primary[digest] == rel:
                yield index, rel, digest

    def paths_of(self, digest: str) -> list[str]:
        """Primary path then duplicates of a content."""
        return [self.primary[digest], *self.copies.get(digest, [])]

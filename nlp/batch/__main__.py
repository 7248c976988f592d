"""``python -m nlp.batch CORPUS_DIR --out OUT_DIR``: the ``govreport tag`` command on its own."""

from __future__ import annotations

import typer

from .cli import tag


def main() -> None:
    from ..cli import command

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    command(app)(tag)
    app()


if __name__ == "__main__":
    main()

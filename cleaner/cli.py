"""The ``newsclean`` command: a thin layer over the Python API."""

from __future__ import annotations

import sys

import click

from . import RulePackError, __version__, clean_bytes


class UsageFailure(click.ClickException):
    """A user-facing error: one line on stderr and exit status 2."""

    exit_code = 2


def _split_ids(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--select", multiple=True, metavar="IDS", help="Only these packs or rules (comma-separated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these packs or rules (comma-separated).")
@click.version_option(__version__, "-V", "--version", prog_name="newsclean")
def main(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...]) -> None:
    """Clean scraped news pages: print the article, drop tickers, bylines, chrome.

    With no PATHS (or -), filter standard input to standard output.
    """
    inputs = paths or ("-",)
    for path in inputs:
        try:
            data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()  # noqa: SIM115
        except OSError as exc:
            raise UsageFailure(f"{path}: cannot read: {exc.strerror or exc}") from None
        try:
            output, _ = clean_bytes(data, select=_split_ids(select), ignore=_split_ids(ignore))
        except RulePackError as exc:
            raise UsageFailure(str(exc)) from None
        sys.stdout.buffer.write(output)
    sys.stdout.buffer.flush()

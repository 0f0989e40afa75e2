"""Input options shared by `ingest`, `extract` and `eval`: paths, links, --urls, record fields."""

from __future__ import annotations

import argparse

from quotebrowser.errors import UserError
from quotebrowser.sources.archives import Fields

FIELD_NAMES = ("text", "title", "date", "url", "author", "outlet", "language")


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files (.txt, .md, .html), folders, archives (.jsonl, .json, .csv), "
        "http(s) links, or - for stdin",
    )
    parser.add_argument("--urls", metavar="FILE", help="a file of links to fetch, one a line")
    fields = parser.add_argument_group(
        "archive fields", "which field of an archive record holds what (default: the usual names)"
    )
    for name in FIELD_NAMES:
        fields.add_argument(
            f"--{name}-field",
            metavar="NAME",
            dest=f"{name}_field",
            help=f"field with the article's {name}",
        )


def inputs(args: argparse.Namespace) -> tuple[list[str], str | None, Fields]:
    """Paths, links file and archive fields from the parsed arguments; at least one input."""
    if not args.paths and not args.urls:
        raise UserError("nothing to read: give article paths, links, or --urls FILE")
    fields = Fields.given(**{name: getattr(args, f"{name}_field") for name in FIELD_NAMES})
    return list(args.paths), args.urls, fields

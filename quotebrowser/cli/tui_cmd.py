"""`quotebrowser tui` (also what bare `quotebrowser` runs): open the terminal app."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from quotebrowser.citation import STYLES
from quotebrowser.errors import UserError
from quotebrowser.seeds import seeds_dir
from quotebrowser.settings import settings_path
from quotebrowser.store import Store, resolve_db_path


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "tui",
        parents=[common],
        help="browse, search and cite the stored quotes in the terminal app (the default)",
    )
    add_options(p)
    p.set_defaults(func=run_tui)


def add_options(p: argparse.ArgumentParser) -> None:
    """The app's options, on `tui` and on the bare `quotebrowser` alike (SUPPRESS: neither
    parser's default overwrites a value given to the other)."""
    p.add_argument(
        "--style",
        choices=STYLES,
        default=argparse.SUPPRESS,
        help="citation style that c copies (default: the last one chosen, else plain)",
    )
    p.add_argument(
        "--keymap",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help='TOML file of binding id = "keys" lines that rebind the app\'s keys',
    )
    p.add_argument(
        "--no-seed",
        action="store_true",
        default=argparse.SUPPRESS,
        help="do not read the bundled sample articles into a new database",
    )


def read_keymap(path: str | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise UserError(f"{path}: cannot read the keymap: {err}") from None
    bad = [k for k, v in data.items() if not isinstance(v, str)]
    if bad:
        raise UserError(f"{path}: keymap values must be key strings (see {bad[0]!r})")
    from quotebrowser.app.app import binding_ids  # deferred: Textual only for the app

    unknown = sorted(set(data) - set(binding_ids()))
    if unknown:
        raise UserError(
            f"{path}: unknown binding id {', '.join(map(repr, unknown))}; "
            f"binding ids: {', '.join(binding_ids())}"
        )
    return dict(data)


def run_tui(args: argparse.Namespace) -> int:
    keymap = read_keymap(getattr(args, "keymap", None))  # a bad file is reported first
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("the app needs a terminal; to print quotes use `quotebrowser quotes`")
    store = Store(resolve_db_path(getattr(args, "db", None)))
    seeds: list[str] = []
    if not getattr(args, "no_seed", False):
        try:
            seeds = [str(seeds_dir())]
        except FileNotFoundError:
            seeds = []
    from quotebrowser.app.app import QuoteBrowserApp  # deferred: Textual only for the app

    app = QuoteBrowserApp(
        store,
        seed_paths=seeds,
        style=getattr(args, "style", None),
        keymap=keymap,
        settings_file=settings_path(),
    )
    app.run()
    if app.load_error is not None:
        if isinstance(app.load_error, UserError):
            raise app.load_error
        raise UserError(f"{store.path}: cannot read the database: {app.load_error}")
    return app.return_code or 0


DEFAULT = run_tui

"""`quotebrowser tui` (also what bare `quotebrowser` runs): open the terminal app."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from quotebrowser.citation import STYLES
from quotebrowser.errors import UserError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "tui",
        parents=[common],
        help="browse, search and cite the stored quotes in the terminal app (the default)",
    )
    add_options(p)
    p.set_defaults(func=run_tui)


def add_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--style",
        choices=STYLES,
        default="plain",
        help="citation style that c copies at start (default: plain)",
    )
    p.add_argument(
        "--keymap",
        metavar="FILE",
        help='TOML file of binding id = "keys" lines that rebind the app\'s keys',
    )
    p.add_argument(
        "--no-seed",
        action="store_true",
        help="do not read the bundled sample articles into an empty database",
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
    return dict(data)


def run_tui(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("the app needs a terminal; to print quotes use `quotebrowser quotes`")
    from quotebrowser.store import Store, resolve_db_path

    store = Store(resolve_db_path(getattr(args, "db", None)))
    keymap = read_keymap(getattr(args, "keymap", None))
    seeds: list[str] = []
    if not getattr(args, "no_seed", False):
        from quotebrowser.seeds import seeds_dir

        try:
            seeds = [str(seeds_dir())]
        except FileNotFoundError:
            seeds = []
    from quotebrowser.app.app import QuoteBrowserApp

    app = QuoteBrowserApp(
        store, seed_paths=seeds, style=getattr(args, "style", "plain"), keymap=keymap
    )
    app.run()
    if app.load_error is not None:
        if isinstance(app.load_error, UserError):
            raise app.load_error
        raise UserError(f"{store.path}: cannot read the database: {app.load_error}")
    return app.return_code or 0


DEFAULT = run_tui

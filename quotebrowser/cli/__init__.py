"""The `quotebrowser` command: thin argument parsing over the library.

Each sub-command lives in its own module with a `register(subparsers, common)` function.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from quotebrowser import __version__
from quotebrowser.cli import correct_cmd, extract_cmd, store_cmd, tui_cmd
from quotebrowser.errors import UserError

COMMAND_MODULES = [extract_cmd, store_cmd, correct_cmd, tui_cmd]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="database file (default: $QUOTEBROWSER_DB, else the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="quotebrowser",
        description="Find, attribute, store, browse and cite quotations in news articles.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"quotebrowser {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers, common)
        # A module may name the function to run when no command is given (the app does).
        if hasattr(module, "DEFAULT"):
            parser.set_defaults(default_func=module.DEFAULT)
            # Its options work without naming the command: `quotebrowser --style apa`.
            module.add_options(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        # No command: open the app when it is installed, as `quotebrowser tui` would.
        default = getattr(args, "default_func", None)
        if default is None:
            parser.print_help()
            return 0
        args.func = default
    try:
        return int(args.func(args) or 0)
    except UserError as err:
        print(f"quotebrowser: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("quotebrowser: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `quotebrowser quotes | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0

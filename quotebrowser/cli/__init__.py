"""The `quotebrowser` command: thin argument parsing over the library.

Each sub-command lives in its own module with a `register(subparsers, common)` function. Only
the modules of the commands named on the command line are imported (all of them for the help):
`quotebrowser quotes` should not wait for the extractor's or the app's imports.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from quotebrowser import __version__
from quotebrowser.errors import UserError

# Each command's module, in the order the help lists them (tests check every module's commands).
COMMANDS = {
    "extract": "extract_cmd",
    "eval": "extract_cmd",
    "ingest": "ingest_cmd",
    "forget": "ingest_cmd",
    "quotes": "quotes_cmd",
    "speakers": "quotes_cmd",
    "cite": "quotes_cmd",
    "doctor": "doctor_cmd",
    "correct": "correct_cmd",
    "tui": "tui_cmd",
}


def warn(message: str) -> None:
    """What every command says on stderr: a warning, a bad input, an error."""
    print(f"quotebrowser: {message}", file=sys.stderr)


def command_modules(argv: Sequence[str] | None = None) -> list[ModuleType]:
    """The modules of the commands `argv` names; all of them when it names none (the help, or
    the app, which is the default)."""
    names = list(dict.fromkeys(COMMANDS.values()))
    named = {COMMANDS[a] for a in argv or () if a in COMMANDS}
    return [
        importlib.import_module(f"quotebrowser.cli.{name}")
        for name in names
        if name in named or not named
    ]


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
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
    for module in command_modules(argv):
        module.register(subparsers, common)
        # A module may name the function to run when no command is given (the app does).
        if hasattr(module, "DEFAULT"):
            parser.set_defaults(default_func=module.DEFAULT)
            # Its options work without naming the command: `quotebrowser --style apa`.
            module.add_options(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
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
        warn(str(err))
        return err.exit_code
    except KeyboardInterrupt:
        warn("interrupted")
        return 130
    except BrokenPipeError:
        # `quotebrowser quotes | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0

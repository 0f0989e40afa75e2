"""`quotebrowser correct`: the user's last word on one stored quote."""

from __future__ import annotations

import argparse

from quotebrowser.cli.database import open_store
from quotebrowser.errors import UserError
from quotebrowser.model import GROUPS


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    c = subparsers.add_parser(
        "correct",
        parents=[common],
        help="correct a stored quote: its speaker, or not a quote; undo",
        description="Corrections are kept apart from the extracted quotes and applied again "
        "after every ingest of the article (see README, Correcting and curating).",
    )
    c.add_argument("id", metavar="ID", help="quote id, or its first characters")
    what = c.add_mutually_exclusive_group(required=True)
    what.add_argument("--speaker", metavar="NAME", help="who said it")
    what.add_argument("--not-a-quote", action="store_true", help="hide it: not a quotation")
    what.add_argument("--undo", action="store_true", help="take back its last correction")
    c.add_argument("--role", metavar="R", help="the speaker's role (with --speaker)")
    c.add_argument("--group", choices=GROUPS, help="the speaker's group (with --speaker)")
    c.set_defaults(func=run_correct)


def run_correct(args: argparse.Namespace) -> int:
    if (args.role is not None or args.group is not None) and args.speaker is None:
        raise UserError("--role and --group go with --speaker")
    store = open_store(args)
    if args.undo:
        undone = store.undo_correction(args.id)
        if undone is None:
            raise UserError(f"quote {args.id} has no correction to undo")
        print(f"undone: {undone.describe()}")
        return 0
    made = store.correct(
        args.id,
        speaker=args.speaker,
        role=args.role,
        group=args.group,
        reject=args.not_a_quote,
    )
    was = f" (was {made.was or 'unattributed'})" if made.action == "speaker" else ""
    print(f"corrected {made.quote_id[:10] if made.quote_id else args.id}: {made.describe()}{was}")
    return 0

"""The database a command names (`--db`, else $QUOTEBROWSER_DB, else the user's data folder),
opened for the commands that read or write it."""

from __future__ import annotations

import argparse

from quotebrowser.cli import warn
from quotebrowser.errors import UserError
from quotebrowser.store import Store, resolve_db_path


def open_store(args: argparse.Namespace, *, must_exist: bool = True) -> Store:
    store = Store(resolve_db_path(getattr(args, "db", None)), on_wait=warn)
    if must_exist and (not store.exists() or store.is_empty()):
        raise UserError(
            f"no quotes stored in {store.path} yet; run `quotebrowser ingest PATH...` first"
        )
    return store

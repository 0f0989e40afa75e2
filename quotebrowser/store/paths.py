"""Where the database lives: `--db FILE`, else `$QUOTEBROWSER_DB`, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "QUOTEBROWSER_DB"
DEFAULT_NAME = "quotes.json"


def default_db_path() -> Path:
    return platformdirs.user_data_path("quotebrowser", appauthor=False) / DEFAULT_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    """The database file to use; `~` is expanded, the path made absolute."""
    chosen = cli_value or os.environ.get(ENV_VAR) or None
    path = Path(chosen).expanduser() if chosen else default_db_path()
    return path.absolute()

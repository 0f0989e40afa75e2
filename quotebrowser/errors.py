"""Errors the user must act on: the CLI prints their message in one line and exits non-zero."""


class UserError(Exception):
    """A problem with the user's input or files; `str(err)` is the whole message."""

    exit_code = 2

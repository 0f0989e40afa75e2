"""Links: fetch a web page (time limit, size cap, redirects, its own charset) and read it.

Every failure is one ReadError naming the link: an HTTP error status, a time-out, a page that is
not HTML, one too large, one without article text. Only http and https links are fetched.
"""

from __future__ import annotations

import socket
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from quotebrowser import __version__
from quotebrowser.model import Document
from quotebrowser.sources.read_error import ReadError
from quotebrowser.sources.web import read_html

if TYPE_CHECKING:
    import http.client

TIMEOUT = 20.0  # seconds for the whole page
MAX_BYTES = 10 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
FETCHERS = 4  # pages fetched at once, ahead of the extractor
AHEAD = 8  # fetched pages waiting for the extractor, at most


def is_link(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _read(response: http.client.HTTPResponse, limit: int, deadline: float) -> bytes:
    """The body, up to `limit` bytes, before `deadline` (a slow trickle times out too)."""
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(65536)  # what has arrived: a trickle cannot outlast the deadline
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise OverflowError
        chunks.append(chunk)


def fetch(
    url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES
) -> Document | ReadError:
    """The article at `url` as a Document named by the link as given."""
    # Deferred: urllib.request (ssl, email: 35 ms) off the start of the app, which never fetches.
    import http.client
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    try:
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": f"quotebrowser/{__version__}",
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            },
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in HTML_TYPES:
                return ReadError(url, f"not a web page (the server sent {kind})")
            data = _read(response, max_bytes, deadline)
            charset = response.headers.get_content_charset()
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        return ReadError(url, f"HTTP {exc.code} {exc.reason}")
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            return ReadError(url, f"timed out after {timeout:g} s")
        return ReadError(url, f"cannot fetch: {exc.reason}")
    except TimeoutError:
        return ReadError(url, f"timed out after {timeout:g} s")
    except OverflowError:
        return ReadError(url, f"page larger than {max_bytes // (1024 * 1024)} MB")
    except (http.client.HTTPException, OSError, ValueError) as exc:
        return ReadError(url, f"cannot fetch: {exc}")
    page: str | bytes = data
    if charset:
        try:
            page = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            page = data  # a wrong or unknown charset in the header: let the page's own tell
    return read_html(url, page, url=final)


def read_url_file(path: Path) -> tuple[list[str], list[ReadError]]:
    """The links in a file, one a line (blank lines and # comments skipped)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return [], [ReadError(str(path), f"cannot read the list of links: {reason}")]
    links, errors = [], []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_link(line):
            links.append(line)
        else:
            errors.append(ReadError(f"{path} line {number}", "not an http(s) link"))
    return links, errors


def fetch_all(urls: Iterable[str], **options: float) -> Iterator[Document | ReadError]:
    """Fetch `urls` a few at a time, in order, a few pages ahead of whoever consumes them."""
    with ThreadPoolExecutor(FETCHERS, thread_name_prefix="fetch") as pool:
        pending: deque[Future[Document | ReadError]] = deque()
        for url in urls:
            pending.append(pool.submit(fetch, url, **options))
            while len(pending) >= AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

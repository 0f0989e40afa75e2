"""Links, fetched from an HTTP server on 127.0.0.1 that the test starts (nothing leaves the
machine): redirects, errors, time-outs, non-HTML answers, size caps, declared charsets."""

from __future__ import annotations

import contextlib
import io
import threading
import time
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from test_ingest import find_quotes

from quotebrowser.cli import main
from quotebrowser.ingest import run_ingest
from quotebrowser.model import Document
from quotebrowser.sources.links import fetch, read_url_file
from quotebrowser.sources.read_error import ReadError
from quotebrowser.sources.reading import read_sources
from quotebrowser.store import Store

PAGES = Path(__file__).resolve().parent / "data" / "pages"
GAZETTE = (PAGES / "harbour_gazette_port_strike.html").read_bytes()
COURIER = (PAGES / "valley_courier_library.html").read_bytes()
# The charset only in the HTTP header: the page itself does not say.
CAFE = (
    (PAGES / "cafe_windows1252.html")
    .read_bytes()
    .replace(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', b"")
)


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/gazette": (200, "text/html; charset=utf-8", GAZETTE),
        "/courier": (200, "text/html", COURIER),
        "/cafe": (200, "text/html; charset=windows-1252", CAFE),
        "/index": (200, "text/html", (PAGES / "index_page_no_article.html").read_bytes()),
        "/data.json": (200, "application/json", b'{"text": "not a page"}'),
    }

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        if self.path == "/old-address":
            self.send_response(301)
            self.send_header("Location", "/moved")
            self.end_headers()
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/gazette")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, "text/html", GAZETTE)
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(20):  # each byte in time, the whole page far too late
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass  # the client gave up, as it should
        elif self.path in self.routes:
            self._send(*self.routes[self.path])
        else:
            self._send(404, "text/html", b"<html><body>Not here</body></html>")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (time-out, size cap)
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_and_read_as_a_web_page(server: str) -> None:
    doc = fetch(f"{server}/gazette")
    assert isinstance(doc, Document)
    assert doc.source == f"{server}/gazette"
    assert doc.text.startswith("Port strike ends after talks\n\n")
    assert doc.metadata["url"] == "https://gazette.example/news/port-strike-ends"
    assert doc.metadata["author"] == "Mara Okafor"


def test_redirects_are_followed_and_the_link_given_names_the_document(server: str) -> None:
    doc = fetch(f"{server}/old-address")
    assert isinstance(doc, Document)
    assert doc.source == f"{server}/old-address"
    assert "The strike that closed the port" in doc.text


def test_the_charset_the_server_declares_is_honoured(server: str) -> None:
    doc = fetch(f"{server}/cafe")
    assert isinstance(doc, Document)
    assert "Le café historique du port a rouvert ses portes samedi après" in doc.text


@pytest.mark.parametrize(
    ("path", "options", "reason"),
    [
        ("/nowhere", {}, "HTTP 404 Not Found"),
        ("/data.json", {}, "not a web page (the server sent application/json)"),
        ("/index", {}, "no article text found in the page"),
        ("/slow", {"timeout": 0.5}, "timed out after 0.5 s"),
        ("/trickle", {"timeout": 0.5}, "timed out after 0.5 s"),
        ("/gazette", {"max_bytes": 1024}, "page larger than 0 MB"),
    ],
)
def test_failures_are_one_clear_line_naming_the_link(
    server: str, path: str, options: dict, reason: str
) -> None:
    started = time.monotonic()
    found = fetch(f"{server}{path}", **options)
    assert found == ReadError(f"{server}{path}", reason)
    assert time.monotonic() - started < 1.8  # a time-out does not wait for the slow server


def test_unreachable_and_malformed_links(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    closed = fetch(f"http://127.0.0.1:{port + 1 if port < 65535 else 1}/")
    assert isinstance(closed, ReadError) and closed.reason.startswith("cannot fetch")
    bad = fetch("http://[::1")
    assert isinstance(bad, ReadError) and bad.reason.startswith("cannot fetch")


def test_a_file_of_links(tmp_path: Path, server: str) -> None:
    urls = tmp_path / "links.txt"
    urls.write_text(f"# today's reading\n{server}/gazette\n\nnot a link\n{server}/courier\n")
    assert read_url_file(urls) == (
        [f"{server}/gazette", f"{server}/courier"],
        [ReadError(f"{urls} line 4", "not an http(s) link")],
    )
    missing = read_url_file(tmp_path / "none.txt")
    assert missing[0] == [] and "cannot read the list of links" in missing[1][0].reason


def test_links_and_files_keep_their_order(tmp_path: Path, server: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Local article\n\nText.\n")
    items = list(read_sources([f"{server}/courier", str(article), f"{server}/gazette"]))
    assert [i.source for i in items] == [f"{server}/courier", str(article), f"{server}/gazette"]


def test_ingest_links_skips_unchanged_ones_and_reports_failures(
    tmp_path: Path, server: str
) -> None:
    urls = tmp_path / "links.txt"
    urls.write_text(f"{server}/gazette\n{server}/nowhere\n{server}/courier\n")
    store = Store(tmp_path / "q.json")
    first = run_ingest(store, [], urls_file=str(urls), extractor=find_quotes)
    assert (first.added, first.failed) == (2, 1)
    assert str(first.errors[0]) == f"{server}/nowhere: HTTP 404 Not Found"
    info = store.document_info(f"{server}/courier")
    assert info is not None and info.outlet == "Valley Courier"
    again = run_ingest(store, [f"{server}/gazette"], extractor=find_quotes)
    assert (again.added, again.unchanged) == (0, 1)


def test_cli_ingest_of_a_bad_link_exits_non_zero_with_one_line(tmp_path: Path, server: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["ingest", f"{server}/data.json", "--db", str(tmp_path / "q.json")])
    assert code == 1
    assert err.getvalue() == (
        f"quotebrowser: {server}/data.json: not a web page (the server sent application/json)\n"
    )
    assert "1 failed" in out.getvalue()

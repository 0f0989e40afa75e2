"""Web pages: the article's main text and its metadata, taken by trafilatura.

Menus, captions, share buttons, related-story links and cookie banners stay out; the headline,
author, site name, publication date (htmldate, the page's own date only), canonical URL and the
language the page declares become the Document's metadata. A page without article text (an index
of links) is an error.
Paragraphs are separated by blank lines so that quotes over several paragraphs still join up; the
text is what the store keeps and what offsets index.
"""

from __future__ import annotations

from quotebrowser.model import Document
from quotebrowser.sources.read_error import ReadError

# The page's own date only: no guessing from copyright lines or the URL's folders.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
METADATA = {
    "title": "title",
    "author": "author",
    "sitename": "outlet",
    "date": "date",
    "url": "url",
}


def page_text(html: str | bytes) -> str:
    """Decoded page source: bytes by their declared or detected charset."""
    if isinstance(html, str):
        return html
    from trafilatura.utils import decode_file  # deferred: trafilatura, 150 ms, for pages only

    return decode_file(html)


def read_html(source: str, html: str | bytes, url: str | None = None) -> Document | ReadError:
    """The article in the page `html` (from `url`, when fetched), named `source`."""
    import trafilatura  # deferred: 150 ms of every start, for saved pages and links only

    page = page_text(html)
    if not page.strip():
        return ReadError(source, "empty file")
    try:
        found = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as exc:  # a parser failure on hostile markup is one bad page, not a crash
        return ReadError(source, f"cannot read the page ({type(exc).__name__})")
    body = found.text if found is not None else None
    if not body or not body.strip():
        return ReadError(source, "no article text found in the page")
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    title = (found.title or "").strip()
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)  # the headline first, as in a text article
    metadata = {
        key: str(value).strip()
        for attr, key in METADATA.items()
        if (value := getattr(found, attr, None)) and str(value).strip()
    }
    if url and "url" not in metadata:
        metadata["url"] = url
    language = declared_language(page)
    if language:
        metadata["language"] = language
    return Document(source=source, text="\n\n".join(paragraphs), metadata=metadata)


def declared_language(page: str) -> str | None:
    """The language the page declares (`<html lang>`, else a Content-Language or og:locale
    meta tag), as a tag such as "en-GB": trafilatura reads it only to filter, not to report."""
    from trafilatura.utils import load_html  # deferred, as in read_html

    tree = load_html(page)
    if tree is None:
        return None
    declared = tree.get("lang") or next(
        (
            meta.get("content")
            for meta in tree.iter("meta")
            if (meta.get("http-equiv") or "").lower() == "content-language"
            or (meta.get("property") or "").lower() == "og:locale"
        ),
        None,
    )
    declared = (declared or "").strip().replace("_", "-")
    return declared[:35] or None

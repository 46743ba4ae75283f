"""The only place that knows Markdown's and HTML's special characters.

Model text (names, titles, list items) is *text*: every character that Markdown, its
extensions (attr_list's `{: onclick}`, tables' `|`) or HTML would act on becomes a numeric
character reference, which renders as itself. Markdown fields (`description`, bodies) are
rendered to HTML here and sanitised with nh3, so raw `<script>`, `javascript:` links and
event handlers cannot reach the page; and an image, frame or media from another machine
becomes a link to it, so that a page loads nothing from off the site (OPM207).
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import urlsplit

import markdown as python_markdown
import nh3

from opmodel.model.markdown_urls import attributes, is_remote, loaded_urls

_SPECIAL = set("\\`*_{}[]()#+!|<>&\"'~=^$:")
_LINE_START = re.compile(r"^(\s*)([-.0-9])")

PROSE_EXTENSIONS = ["tables", "sane_lists", "def_list", "fenced_code", "abbr"]
SAFE_SCHEMES = {"http", "https", "mailto"}
_ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Guide pages are sanitised after MkDocs' toc extension has run: headings keep their ids
# (the table of contents and permalinks point at them) and permalinks their class.
_ALLOWED_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    **{tag: {"id"} for tag in _HEADINGS},
}
_ALLOWED_CLASSES = {"a": {"headerlink"}}
_HEADING_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""toc's slugs; ids such as Material's `__config` or `__search` stay out of reach."""


def md_text(value: object) -> str:
    """Inline text that renders literally in Markdown and HTML, on one line."""
    text = " ".join(str(value).split())
    escaped = "".join(f"&#{ord(c)};" if c in _SPECIAL else c for c in text)
    return _LINE_START.sub(lambda m: m[1] + f"&#{ord(m[2])};", escaped)


def html_text(value: object) -> str:
    """Text inside raw HTML blocks (tables, attributes)."""
    return html.escape(" ".join(str(value).split()), quote=True)


def safe_url(url: str) -> str | None:
    """The URL if it is relative, http(s) or mailto; None otherwise (javascript:, data:).

    As for diagrams (`diagrams.dot.safe_url`): a protocol-relative `//host/x` (from a file
    share it opens `file://host/x`, a Windows network path) and URLs with backslashes or
    control characters, which browsers read differently from us, are refused too.
    """
    candidate = url.strip()
    if candidate.startswith("//") or "\\" in candidate or re.search(r"[\x00-\x1f\x7f]", candidate):
        return None
    scheme = urlsplit(candidate).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    if re.match(r"^[a-z]+:", candidate, re.I) and scheme not in SAFE_SCHEMES:
        return None
    return candidate


def md_external_link(title: str, url: str) -> str:
    """A link from the model (links, contact): text only when the URL is not safe."""
    safe = safe_url(url)
    if safe is None:
        return f"{md_text(title)} ({md_text(url)})"
    return f'<a href="{html_text(safe)}">{md_text(title)}</a>'


@functools.lru_cache(maxsize=1024)
def prose_html(
    markdown_text: str | None, links: ProseLinks | None = None, title: str | None = None
) -> str:
    """Markdown from the model, rendered and sanitised, as a raw HTML block. (Cached: a
    page and its search digest both show an entity's description.)

    `links`: where each link in the text leads, as URLs from this page (`ProseLinks`). The
    prose is raw HTML in the page, which MkDocs does not rewrite: without them a link
    stays as written (the search digest, where links are not followed).

    `title`: the page's own title. A text that opens with it as a top heading (a charter
    copied from a repository: `# SIG Network`) does not show it a second time, as a
    second page title in the middle of the page."""
    if not markdown_text or not markdown_text.strip():
        return ""
    rendered = python_markdown.markdown(markdown_text, extensions=PROSE_EXTENSIONS)
    if title is not None:
        rendered = _without_repeated_title(rendered, title)
    if links is not None:
        rendered = _ANCHOR.sub(lambda m: _relinked(m, links), rendered)
    clean = _UNLINKED.sub(_UNLINKED_TEXT, sanitise(rendered))
    # One line per block-level element keeps the block intact inside the page's Markdown.
    return f'<div class="opm-prose" markdown="0">\n{clean}\n</div>'


ProseLinks = tuple[tuple[str, str | None], ...]
"""(URL as written, URL on the site) for each link in a text; None: it leads nowhere, and
shows as text (`check` says so: OPM310). Built by the page (`site/render.py`), which knows
the page's URL."""
_UNLINKED = re.compile(
    r'<a(?P<title>(?: title="[^"]*")?) rel="noopener noreferrer">(?P<text>.*?)</a>', re.S
)
"""A link without an address (one that leads nowhere, after nh3): text, not a link that
looks followable."""
_UNLINKED_TEXT = r'<span class="opm-unlinked"\g<title>>\g<text></span>'
_ANCHOR = re.compile(r"<a(?P<attrs>\s[^>]*)?>", re.I)
_LEADING_H1 = re.compile(r"\A\s*<h1[^>]*>(?P<text>.*?)</h1>\s*", re.S | re.I)
_TAGS = re.compile(r"<[^>]*>")


def _without_repeated_title(rendered: str, title: str) -> str:
    """`rendered` without its first block when that is an `<h1>` saying `title` (case and
    spacing aside)."""
    match = _LEADING_H1.match(rendered)
    if match is None:
        return rendered
    said = " ".join(html.unescape(_TAGS.sub("", match["text"])).split())
    if said.casefold() != " ".join(title.split()).casefold():
        return rendered
    return rendered[match.end() :]


def _relinked(match: re.Match[str], links: ProseLinks) -> str:
    markup = match["attrs"] or ""
    for name, raw, start in attributes(markup):
        if name != "href":
            continue
        written = html.unescape(raw).strip()
        for url, href in links:
            if url == written:
                value = "" if href is None else f'href="{html_text(href)}"'
                # The whole attribute goes: `href=x`, `href="x"` or `href='x'`.
                head = markup.lower().rfind("href", 0, start)
                quoted = start > 0 and markup[start - 1] in "\"'"
                end = start + len(raw) + (1 if quoted else 0)
                return f"<a{markup[:head]}{value}{markup[end:]}>"
        break
    return match[0]


_EMBEDS = "img|image|iframe|frame|video|audio|source|track|object|embed|input|link|picture"
_EMBED_TAG = re.compile(rf"<(?P<tag>{_EMBEDS})(?P<attrs>(?:[\s/][^>]*)?)>", re.I)


def sanitise(rendered_html: str) -> str:
    """nh3's clean HTML, with remote embeds as links: before cleaning, so that a frame or a
    video keeps its URL (nh3 drops those tags), and after, on nh3's own well-formed output,
    so that no image with a remote `src` survives whatever the markup was."""
    return _remote_as_links(_clean(_remote_as_links(rendered_html)))


def _remote_as_links(markup: str) -> str:
    return _EMBED_TAG.sub(_as_link, markup)


def _as_link(match: re.Match[str]) -> str:
    remote = [
        found.url
        for found in loaded_urls(match["tag"], match["attrs"])
        if found.loads and is_remote(found.url)
    ]
    if not remote:
        return match[0]
    named = {name: html.unescape(value) for name, value, _ in attributes(match["attrs"])}
    text = " ".join((named.get("alt") or named.get("title") or remote[0]).split()) or remote[0]
    safe = safe_url(remote[0])
    if safe is None:  # `//host/x`: shown, not linked
        return html_text(text)
    return f'<a href="{html_text(safe)}" rel="noopener noreferrer">{html_text(text)}</a>'


def _clean(rendered_html: str) -> str:
    return nh3.clean(
        rendered_html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        allowed_classes=_ALLOWED_CLASSES,
        attribute_filter=_keep_attribute,
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer",
    ).replace("\n\n", "\n")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and not _HEADING_ID.fullmatch(value):
        return None
    return value


_CODE_SPANS = re.compile(r"`([^`]+)`")


def md_doc(value: object) -> str:
    """Documentation text (the schema's docstrings) in which `code spans` are code and all
    else is text: both escaped, so no character acts as Markdown, HTML or a table's `|`."""
    text = " ".join(str(value).split())
    out, last = [], 0
    for span in _CODE_SPANS.finditer(text):
        out.append(_spaced(text[last : span.start()]))
        out.append(md_code(span[1]))
        last = span.end()
    out.append(_spaced(text[last:]))
    return "".join(out)


def _spaced(part: str) -> str:
    """`md_text` of a piece of a line, keeping the spaces that separate it from code."""
    if not part.strip():
        return part
    head = " " if part.startswith(" ") else ""
    return head + md_text(part) + (" " if part.endswith(" ") else "")


def md_code(value: object) -> str:
    """Inline code whose every special character is a character reference (HTML code, so
    that Markdown does not read the references literally)."""
    return f"<code>{md_text(value)}</code>"

"""The 404 page, wherever the site is served from.

A server shows 404.html at the address that was not found (`/ops/roles/gone/`), so MkDocs
cannot link its assets relatively, and writes them from the root of `site_url` instead:
without `site_url`, from `/`. Served under a sub-path (`https://intranet/ops/`), that page
loaded no stylesheet, no script and linked every tab to the wrong place.

Without `site_url`, the page finds the site's root as it loads, from the address shown:
the path before the first of the site's own top-level folders (`roles/`, `assets/`), else
the address's own folder. It then writes itself, a `<base>` first, so that every link is
relative to that root. The page is held in a script, not in the markup: a browser fetches
the markup's stylesheets and scripts ahead of the parser (its preload scanner), against the
address, before any script has set a base.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

_ROOT_ABSOLUTE = re.compile(r'(\s(?:href|src)=")/(?!/)')
_JSON_ROOT_ABSOLUTE = re.compile(r'("(?:base|search)": ")/')
_CONFIG = re.compile(r'(<script id="__config"[^>]*>.*?</script>)', re.S)
_PARTS = re.compile(r"(?s)^(?P<start>.*?<head>)(?P<head>.*?)(?P<rest></head>.*?)(?:</html>\s*)?$")
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_WRITE = """<script>(function(){{var top={top},parts=location.pathname.split("/"),root;
for(var i=1;i<parts.length-1;i++){{if(top.indexOf(parts[i])>=0){{root=parts.slice(0,i);break}}}}
root=(root||parts.slice(0,-1)).join("/")+"/";document.write('<base href="'
+root.replace(/[^\\w\\/.~-]/g,encodeURIComponent)+'">'+{page})}})()</script>"""
_CONFIG_BASE = """<script>(function(){var c=document.getElementById("__config"),
j=JSON.parse(c.textContent);j.base=new URL(j.base,document.baseURI).href;
j.search=new URL(j.search,document.baseURI).href;c.textContent=JSON.stringify(j)})()</script>"""
"""Material resolves its base and search worker (in `__config`) against the page's address,
not the document's base."""
_WITHOUT_SCRIPT = "<noscript><h1>Page not found (404)</h1></noscript>"


def relocatable(page: str, top_level: Iterable[str]) -> str:
    """The 404 page with links relative to the site's root, found as it loads."""
    parts = _PARTS.match(page)
    if parts is None:
        return page
    names = json.dumps(sorted(set(top_level)))
    inner = _ROOT_ABSOLUTE.sub(r"\1./", parts["head"] + parts["rest"])
    inner = _JSON_ROOT_ABSOLUTE.sub(r"\1./", inner, count=2)
    inner = _CONFIG.sub(lambda m: m[1] + _CONFIG_BASE, inner, count=1)
    written = json.dumps(inner).replace("</", "<\\/").replace("<!--", "<\\!--")
    title = _TITLE.search(parts["head"])
    shell_head = '<meta charset="utf-8">' + (title[0] if title else "")
    script = _WRITE.format(top=names.replace("</", "<\\/"), page=written)
    return f"{parts['start']}{shell_head}{script}</head><body>{_WITHOUT_SCRIPT}</body></html>\n"

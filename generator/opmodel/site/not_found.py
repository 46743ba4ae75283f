"""The 404 page, wherever the site is served from.

A server shows 404.html at the address that was not found (`/ops/roles/gone/`), so MkDocs
cannot link its assets relatively, and writes them from the root of `site_url` instead:
without `site_url`, from `/`. Served under a sub-path (`https://intranet/ops/`), that page
loaded no stylesheet, no script and linked every tab to the wrong place. Without
`site_url`, the page finds the site's root as it loads, from the address shown: the path
before the first of the site's own top-level folders (`roles/`, `assets/`), else the
address's own folder. A `<base>` written before any link makes every link relative to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

_ROOT_ABSOLUTE = re.compile(r'(\s(?:href|src)=")/(?!/)')
_CONFIG = re.compile(r'(<script id="__config"[^>]*>.*?</script>)', re.S)
_BASE = """<script>(function(){{var top={top},parts=location.pathname.split("/"),root;
for(var i=1;i<parts.length-1;i++){{if(top.indexOf(parts[i])>=0){{root=parts.slice(0,i);break}}}}
root=(root||parts.slice(0,-1)).join("/")+"/";document.write(
'<base href="'+root.replace(/[^\\w\\/.~-]/g,encodeURIComponent)+'">')}})()</script>"""
_CONFIG_BASE = """<script>(function(){var c=document.getElementById("__config"),
j=JSON.parse(c.textContent);j.base=document.baseURI;c.textContent=JSON.stringify(j)})()</script>"""
"""Material reads its base (for search, and the tabs' links) from `__config`, against the
page's address rather than the document's base."""


def relocatable(page: str, top_level: Iterable[str]) -> str:
    """The 404 page with links relative to the site's root, found as it loads."""
    names = json.dumps(sorted(set(top_level))).replace("</", "<\\/")
    page = _ROOT_ABSOLUTE.sub(r"\1./", page)
    page = page.replace('"base": "/"', '"base": "."', 1)
    page = _CONFIG.sub(lambda m: m[1] + _CONFIG_BASE, page, count=1)
    return page.replace("<head>", "<head>" + _BASE.format(top=names), 1)

"""The MkDocs adapter: the only modules that import MkDocs (the core must outlive it: see
DESIGN.md on Material's end of life, Zensical and `opmodel generate`).

`plugin.py` is the plugin's events; `pages.py` what they do page by page; `configure.py`
what the site sets in mkdocs.yml's configuration, and the staged build; `config.py` the
plugin's options; `serve.py` dirty builds under `mkdocs serve`; `prerender.py`,
`convert.py` (with `skeleton.py`) and `rendered.py` the MkDocs halves of `opmodel.speed`'s
rendering and writing pages on every core and its rendered-pages cache; `quick.py` an edit
published without MkDocs' build; `theme_parts.py` Material's partials rendered once a folder
of entity pages.
"""

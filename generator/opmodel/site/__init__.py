"""Stage five: the site. The core (pages, urls, render) knows nothing of MkDocs; only
plugin.py and config.py import it, so another Material-compatible engine can build the
tree that `opmodel generate` writes."""

"""Stage four: one read-only view per page kind. Views compute everything a template shows
from the model; they know nothing of Jinja, MkDocs, URLs or files."""

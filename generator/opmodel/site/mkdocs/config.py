"""The plugin's options, declared as a typed MkDocs schema and validated up front."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class OpmodelConfig(base.Config):
    content = c.Type(str, default="content")
    """The model's folder, relative to mkdocs.yml."""
    site_name = c.Optional(c.Choice(("organisation",)))
    """organisation: the site's name (title, header) is organisation.yml's `name`, so that
    renaming the organisation renames the site; unset: mkdocs.yml's `site_name`."""
    templates = c.Optional(c.Type(str))
    """A folder of page templates (`role.md.j2`, ...) that override the packaged ones."""
    diagrams = c.Type(bool, default=True)
    """Render Graphviz diagrams; false builds without them (no `dot` needed)."""
    nav = c.Choice(("auto", "append", "none"), default="auto")
    """auto: set the whole navigation when mkdocs.yml has none, else append a section;
    append: always append; none: leave the navigation to mkdocs.yml."""
    baseline = c.Optional(c.Type(str))
    """What the "What changed" page compares against: a git revision or tag, a date
    (YYYY-MM-DD) or "N days"; default "90 days". Needs the content in a git repository."""
    strict = c.Type(bool, default=False)
    """Fail the build on health warnings too."""
    mount = c.Type(str, default="")
    """A folder of the site to put the whole model in (`operating-model/`): every generated
    page, asset and navigation entry goes under it, beside the site's own pages. Empty: the
    model is the site, from its home page."""
    cache = c.Type(bool, default=True)
    """Keep validated entities, diagrams and rendered pages in `.cache/opmodel/` beside
    mkdocs.yml, so that a rebuild redoes only what changed."""
    reference = c.Type(bool, default=False)
    """Publish the content reference: every field of every kind, its type, default, meaning
    and checks, generated from the schema (the same text as `opmodel reference`)."""

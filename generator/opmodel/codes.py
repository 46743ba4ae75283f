"""The table of stable diagnostic codes.

Codes never change meaning once released: editors, CI scripts and `--ignore` lists may refer
to them. 1xx: loading files; 2xx: the schema of one entity; 3xx: references between
entities; 4xx: model health (warnings unless `--strict`).
"""

from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    code: str
    name: str
    summary: str


CODES: dict[str, Code] = {
    c.code: c
    for c in [
        # 1xx: files and YAML
        Code("OPM101", "yaml-syntax", "The file is not valid YAML."),
        Code("OPM102", "not-utf8", "The file is not UTF-8 text."),
        Code("OPM103", "duplicate-key", "A mapping names the same key twice."),
        Code("OPM104", "yaml-too-complex", "Aliases or nesting expand beyond the safe budget."),
        Code("OPM105", "unsupported-tag", "A YAML tag (`!!python/...`, `!foo`) is not allowed."),
        Code("OPM106", "front-matter", "A Markdown entity lacks closed `---` front matter."),
        Code("OPM107", "invalid-id", "The file name is not a valid id (a lower-case slug)."),
        Code("OPM108", "duplicate-id", "Two files of one kind have the same id."),
        Code("OPM109", "unknown-folder", "A file or folder in content/ that is not read."),
        Code("OPM110", "missing-organisation", "There is no content/organisation.yml."),
        Code("OPM111", "duplicate-organisation", "More than one organisation file."),
        Code("OPM112", "not-a-mapping", "The file's data is not a mapping of fields."),
        Code("OPM113", "file-too-large", "The file is larger than opmodel reads."),
        Code("OPM114", "reserved-field", "A field that opmodel sets itself (`id`)."),
        Code("OPM115", "no-content", "The content folder does not exist."),
        Code("OPM116", "symbolic-link", "A symbolic link in content/: opmodel does not follow it."),
        Code("OPM117", "file-not-read", "A hidden file that looks like an entity is not read."),
        Code("OPM118", "control-character", "Text holds a control or non-character."),
        Code("OPM120", "reserved-page-name", "A guide page has a name the site uses itself."),
        Code("OPM121", "page-in-the-way", "A site's own page is where opmodel publishes one."),
        # 2xx: schema
        Code("OPM201", "unknown-field", "A field that this kind does not have."),
        Code("OPM202", "invalid-value", "A value outside the allowed set or range."),
        Code("OPM203", "wrong-type", "A value of the wrong type (text, number, list, ...)."),
        Code("OPM204", "missing-field", "A required field is missing."),
        Code("OPM205", "one-accountable", "A decision needs exactly one accountable."),
        Code("OPM206", "duplicate-stage", "Two stages of one flow share an id."),
        Code("OPM207", "remote-resource", "Text loads an image or frame from another machine."),
        Code("OPM208", "unsafe-url", "A `javascript:`, `vbscript:` or `data:` URL."),
        Code("OPM209", "csv-row", "A CSV row that does not fit the header or is not UTF-8."),
        Code("OPM210", "schedule-mismatch", "A forum's `meets` does not fit its `cadence`."),
        Code("OPM211", "unlinked-url", "A link or contact shown as text (`file:`, `#chat`)."),
        # 3xx: references
        Code("OPM301", "unknown-reference", "A reference to an entity that does not exist."),
        Code("OPM302", "wrong-kind", "A reference to a kind that the field does not accept."),
        Code("OPM304", "cycle", "`parent` or `reports_to` goes round in a circle."),
        Code("OPM310", "broken-prose-link", "A link in prose that leads to no page."),
        # 4xx: health
        Code("OPM401", "role-unfilled", "A role has no holders."),
        Code("OPM402", "role-no-accountabilities", "A role lists no accountabilities."),
        Code("OPM403", "role-no-unit", "A role belongs to no unit."),
        Code("OPM404", "forum-no-chair", "A forum has no chair."),
        Code("OPM405", "forum-no-members", "A forum has no members."),
        Code("OPM406", "forum-no-decisions", "A forum is A or R for no decision."),
        Code("OPM407", "forum-no-charter", "A forum has no charter (no Markdown body)."),
        Code("OPM408", "decision-no-responsible", "Nobody is Responsible for a decision."),
        Code("OPM409", "unit-too-deep", "A unit sits deeper than `settings.max_depth`."),
        Code("OPM410", "span-of-control", "A role has more direct reports than the limit."),
        Code("OPM411", "meeting-load", "A role's weekly meeting hours exceed the limit."),
        Code("OPM412", "review-overdue", "A `review_by` date has passed."),
        Code("OPM413", "capability-no-owner", "A capability has no owner."),
    ]
}


# The codes by name, for the modules that report them: `codes.UNKNOWN_REFERENCE`, not a
# bare "OPM301" that a slip of the finger makes another code (a test keeps names and table
# in step: each constant is its code's name in capitals).
YAML_SYNTAX = "OPM101"
NOT_UTF8 = "OPM102"
DUPLICATE_KEY = "OPM103"
YAML_TOO_COMPLEX = "OPM104"
UNSUPPORTED_TAG = "OPM105"
FRONT_MATTER = "OPM106"
INVALID_ID = "OPM107"
DUPLICATE_ID = "OPM108"
UNKNOWN_FOLDER = "OPM109"
MISSING_ORGANISATION = "OPM110"
DUPLICATE_ORGANISATION = "OPM111"
NOT_A_MAPPING = "OPM112"
FILE_TOO_LARGE = "OPM113"
RESERVED_FIELD = "OPM114"
NO_CONTENT = "OPM115"
SYMBOLIC_LINK = "OPM116"
FILE_NOT_READ = "OPM117"
CONTROL_CHARACTER = "OPM118"
RESERVED_PAGE_NAME = "OPM120"
PAGE_IN_THE_WAY = "OPM121"
UNKNOWN_FIELD = "OPM201"
INVALID_VALUE = "OPM202"
WRONG_TYPE = "OPM203"
MISSING_FIELD = "OPM204"
ONE_ACCOUNTABLE = "OPM205"
DUPLICATE_STAGE = "OPM206"
REMOTE_RESOURCE = "OPM207"
UNSAFE_URL = "OPM208"
CSV_ROW = "OPM209"
SCHEDULE_MISMATCH = "OPM210"
UNLINKED_URL = "OPM211"
UNKNOWN_REFERENCE = "OPM301"
WRONG_KIND = "OPM302"
CYCLE = "OPM304"
BROKEN_PROSE_LINK = "OPM310"
ROLE_UNFILLED = "OPM401"
ROLE_NO_ACCOUNTABILITIES = "OPM402"
ROLE_NO_UNIT = "OPM403"
FORUM_NO_CHAIR = "OPM404"
FORUM_NO_MEMBERS = "OPM405"
FORUM_NO_DECISIONS = "OPM406"
FORUM_NO_CHARTER = "OPM407"
DECISION_NO_RESPONSIBLE = "OPM408"
UNIT_TOO_DEEP = "OPM409"
SPAN_OF_CONTROL = "OPM410"
MEETING_LOAD = "OPM411"
REVIEW_OVERDUE = "OPM412"
CAPABILITY_NO_OWNER = "OPM413"


CODE_FIELDS: dict[str, tuple[str, ...]] = {
    "OPM205": ("decision.accountable",),
    "OPM206": ("flow.stages.id",),
    "OPM207": ("*.description",),
    "OPM208": ("*.description", "*.links.url", "*.contact.url"),
    "OPM310": ("*.description", "organisation.settings.prose_base_url"),
    "OPM304": ("unit.parent", "capability.parent", "role.reports_to", "forum.reports_to"),
    "OPM401": ("role.holders",),
    "OPM402": ("role.accountabilities",),
    "OPM403": ("role.unit",),
    "OPM404": ("forum.chair",),
    "OPM405": ("forum.members",),
    "OPM406": ("decision.accountable", "decision.responsible"),
    "OPM408": ("decision.responsible",),
    "OPM409": ("unit.parent", "organisation.settings.max_depth"),
    "OPM410": ("role.reports_to", "organisation.settings.max_span_of_control"),
    "OPM411": (
        *("forum.chair", "forum.secretary", "forum.members", "forum.cadence"),
        *("forum.duration_minutes", "organisation.settings.max_meeting_hours_per_week"),
    ),
    "OPM412": ("*.review_by",),
    "OPM413": ("capability.owner",),
}
"""The fields each code is about, for the content reference: `kind.field` (`role.holders`,
`flow.stages.id`), `*.field` for a field every kind has. Codes that a field's type brings
(a value out of its set or range, a missing required field, a bad reference) the reference
finds from the type; codes about files name no field. Tests check that each code and field
exists and that the checks' findings name only the fields listed here."""

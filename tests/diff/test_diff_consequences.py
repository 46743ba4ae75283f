"""Consequences: decision rights that moved, forums that came, went or changed, roles that
moved, and changes of status, each with its significance."""

from __future__ import annotations

from collections.abc import Callable

from opmodel import Ref
from opmodel.diff import Consequence, ConsequenceKind, ModelDiff, Significance

Diff = Callable[..., ModelDiff]
K = ConsequenceKind
HIGH, MEDIUM, LOW = Significance.HIGH, Significance.MEDIUM, Significance.LOW

DECISION = Ref("decision", "adopt-standard")
FORUM = Ref("forum", "data-board")
ANALYST = Ref("role", "analyst")


def role(ident: str) -> Ref:
    return Ref("role", ident)


def only(diff: ModelDiff) -> Consequence:
    (consequence,) = diff.consequences
    return consequence


def test_a_new_accountable_is_a_high_consequence(diff_of: Diff, base: dict[str, str]) -> None:
    decision = base["decisions/adopt-standard.yml"].replace("forum:data-board", "cfo")

    diff = diff_of({"decisions/adopt-standard.yml": decision})

    assert diff.consequences == (
        Consequence(
            K.DECISION_ACCOUNTABLE,
            HIGH,
            DECISION,
            "Adopt a standard",
            "accountable",
            "Adopt a standard (decision:adopt-standard): accountable moved from Data board "
            "(forum:data-board) to Chief Financial Officer (role:cfo)",
            old=FORUM,
            new=role("cfo"),
        ),
    )


def test_a_new_escalation_is_medium(diff_of: Diff, base: dict[str, str]) -> None:
    decision = base["decisions/adopt-standard.yml"].replace(
        "escalates_to: cfo", "escalates_to: head-of-data"
    )

    consequence = only(diff_of({"decisions/adopt-standard.yml": decision}))

    assert (consequence.kind, consequence.significance) == (K.DECISION_ESCALATION, MEDIUM)
    assert (consequence.old, consequence.new) == (role("cfo"), role("head-of-data"))
    assert consequence.summary == (
        "Adopt a standard (decision:adopt-standard): escalation moved from Chief Financial "
        "Officer (role:cfo) to Head of Data (role:head-of-data)"
    )


def test_an_escalation_removed_says_so(diff_of: Diff, base: dict[str, str]) -> None:
    decision = base["decisions/adopt-standard.yml"].replace("escalates_to: cfo\n", "")

    consequence = only(diff_of({"decisions/adopt-standard.yml": decision}))

    assert consequence.summary == (
        "Adopt a standard (decision:adopt-standard): escalation unset "
        "(was Chief Financial Officer (role:cfo))"
    )


def test_responsible_consulted_and_informed_changes_list_who_came_and_went(
    diff_of: Diff, base: dict[str, str]
) -> None:
    decision = (
        base["decisions/adopt-standard.yml"]
        .replace("responsible: [head-of-data]", "responsible: [head-of-data, analyst]")
        .replace("consulted: [analyst]\n", "informed: [unit:finance]\n")
    )

    diff = diff_of({"decisions/adopt-standard.yml": decision})

    assert [(c.kind, c.significance, c.field, c.added, c.removed) for c in diff.consequences] == [
        (K.DECISION_RACI, MEDIUM, "responsible", (ANALYST,), ()),
        (K.DECISION_RACI, LOW, "consulted", (), (ANALYST,)),
        (K.DECISION_RACI, LOW, "informed", (Ref("unit", "finance"),), ()),
    ]
    assert diff.consequences[0].summary == (
        "Adopt a standard (decision:adopt-standard): responsible added Analyst (role:analyst)"
    )


def test_a_new_forum_is_created(diff_of: Diff) -> None:
    forum = "name: Finance committee\nchair: cfo\ncadence: quarterly\n"

    consequence = only(diff_of({"forums/finance-committee.yml": forum}))

    assert consequence == Consequence(
        K.FORUM_CREATED,
        MEDIUM,
        Ref("forum", "finance-committee"),
        "Finance committee",
        "",
        "new forum: Finance committee (forum:finance-committee), meets quarterly",
        new="active",
    )


def test_a_forum_retired_by_status_is_high_and_retiring_is_medium(
    diff_of: Diff, base: dict[str, str]
) -> None:
    def with_status(status: str) -> str:
        return base["forums/data-board.md"].replace("cadence:", f"status: {status}\ncadence:")

    retired = only(diff_of({"forums/data-board.md": with_status("retired")}))
    retiring = only(diff_of({"forums/data-board.md": with_status("retiring")}))

    assert (retired.kind, retired.significance, retired.old, retired.new) == (
        K.FORUM_RETIRED,
        HIGH,
        "active",
        "retired",
    )
    assert retired.summary == "forum Data board (forum:data-board) is retired (was active)"
    assert (retiring.kind, retiring.significance) == (K.FORUM_RETIRED, MEDIUM)


def test_a_forum_deleted_is_retired(diff_of: Diff, base: dict[str, str]) -> None:
    decision = base["decisions/adopt-standard.yml"].replace("forum:data-board", "cfo")

    diff = diff_of({"forums/data-board.md": None, "decisions/adopt-standard.yml": decision})

    assert [(c.kind, c.significance, c.subject) for c in diff.consequences] == [
        (K.DECISION_ACCOUNTABLE, HIGH, DECISION),
        (K.FORUM_RETIRED, HIGH, FORUM),
    ]
    assert diff.consequences[1].summary == "forum Data board (forum:data-board) was removed"


def test_forum_chair_members_and_cadence_changes(diff_of: Diff, base: dict[str, str]) -> None:
    forum = (
        base["forums/data-board.md"]
        .replace("chair: head-of-data", "chair: cfo")
        .replace("[head-of-data, analyst]", "[head-of-data, cfo]")
        .replace("cadence: monthly", "cadence: weekly")
    )

    diff = diff_of({"forums/data-board.md": forum})

    assert [
        (c.kind, c.significance, c.old, c.new, c.added, c.removed) for c in diff.consequences
    ] == [
        (K.FORUM_CHAIR, HIGH, role("head-of-data"), role("cfo"), (), ()),
        (
            K.FORUM_MEMBERSHIP,
            MEDIUM,
            (role("head-of-data"), ANALYST),
            (role("head-of-data"), role("cfo")),
            (role("cfo"),),
            (ANALYST,),
        ),
        (K.FORUM_CADENCE, MEDIUM, "monthly", "weekly", (), ()),
    ]
    assert [c.summary for c in diff.consequences] == [
        "Data board (forum:data-board): chair moved from Head of Data (role:head-of-data) to "
        "Chief Financial Officer (role:cfo)",
        "Data board (forum:data-board): members added Chief Financial Officer (role:cfo); "
        "removed Analyst (role:analyst)",
        "Data board (forum:data-board): meets weekly (was monthly)",
    ]


def test_a_role_that_moves_unit_and_reporting_line(diff_of: Diff, base: dict[str, str]) -> None:
    analyst = (
        base["roles/analyst.yml"]
        .replace("unit: data", "unit: finance")
        .replace("reports_to: head-of-data", "reports_to: cfo")
    )

    diff = diff_of({"roles/analyst.yml": analyst})

    assert [(c.kind, c.significance, c.old, c.new) for c in diff.consequences] == [
        (K.ROLE_UNIT, MEDIUM, Ref("unit", "data"), Ref("unit", "finance")),
        (K.ROLE_REPORTING, MEDIUM, role("head-of-data"), role("cfo")),
    ]
    assert diff.consequences[0].summary == (
        "Analyst (role:analyst): unit moved from Data (unit:data) to Finance (unit:finance)"
    )


def test_status_changes_of_any_entity(diff_of: Diff, base: dict[str, str]) -> None:
    diff = diff_of(
        {
            "roles/analyst.yml": base["roles/analyst.yml"] + "status: retiring\n",
            "units/finance.yml": "name: Finance\nstatus: proposed\n",
            "changes/standard-process.yml": base["changes/standard-process.yml"].replace(
                "status: trial", "status: adopted"
            ),
        }
    )

    assert [(c.kind, c.significance, str(c.subject), c.old, c.new) for c in diff.consequences] == [
        (K.STATUS, MEDIUM, "role:analyst", "active", "retiring"),
        (K.STATUS, MEDIUM, "change:standard-process", "trial", "adopted"),
        (K.STATUS, LOW, "unit:finance", "active", "proposed"),
    ]
    assert diff.consequences[0].summary == "Analyst (role:analyst): status active -> retiring"


def test_anything_on_the_fixed_spine_is_high(diff_of: Diff, base: dict[str, str]) -> None:
    decision = (
        base["decisions/adopt-standard.yml"].replace("consulted: [analyst]", "consulted: []")
        + "stability: fixed\n"
    )
    base_fixed = {
        **base,
        "decisions/adopt-standard.yml": base["decisions/adopt-standard.yml"] + "stability: fixed\n",
    }

    consequence = only(diff_of({"decisions/adopt-standard.yml": decision}, base=base_fixed))

    assert (consequence.kind, consequence.field) == (K.DECISION_RACI, "consulted")
    assert (consequence.significance, consequence.fixed) == (HIGH, True)


def test_a_renamed_roles_moves_are_consequences_under_its_new_id(
    diff_of: Diff, analyst_renamed: dict[str, str | None]
) -> None:
    moved = str(analyst_renamed["roles/data-analyst.yml"]).replace("unit: data", "unit: finance")

    consequence = only(diff_of({**analyst_renamed, "roles/data-analyst.yml": moved}))

    assert (consequence.kind, consequence.subject) == (K.ROLE_UNIT, role("data-analyst"))


def test_consequences_are_ordered_by_significance_then_kind_then_subject(
    diff_of: Diff, base: dict[str, str]
) -> None:
    diff = diff_of(
        {
            "roles/analyst.yml": base["roles/analyst.yml"] + "status: proposed\n",
            "roles/cfo.yml": "title: Chief Financial Officer\nunit: data\n",
            "forums/data-board.md": base["forums/data-board.md"].replace(
                "chair: head-of-data", "chair: cfo"
            ),
            "forums/a-new-forum.yml": "name: A new forum\n",
        }
    )

    assert [(c.significance.value, c.kind.value, str(c.subject)) for c in diff.consequences] == [
        ("high", "forum-chair-changed", "forum:data-board"),
        ("medium", "forum-created", "forum:a-new-forum"),
        ("medium", "role-unit-moved", "role:cfo"),
        ("low", "status-changed", "role:analyst"),
    ]


def test_every_item_has_a_unique_key(diff_of: Diff, base: dict[str, str]) -> None:
    decision = (
        base["decisions/adopt-standard.yml"]
        .replace("responsible: [head-of-data]", "responsible: [analyst]")
        .replace("consulted: [analyst]", "consulted: [head-of-data]")
    )

    diff = diff_of({"decisions/adopt-standard.yml": decision})

    keys = [item.key for item in diff.items()]
    assert keys == [
        "changed:decision:adopt-standard",
        "decision-raci-changed:decision:adopt-standard:responsible",
        "decision-raci-changed:decision:adopt-standard:consulted",
    ]
    assert len(diff.for_entity(DECISION)) == 3

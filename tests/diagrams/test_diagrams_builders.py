"""What each diagram shows, read from its DOT source (no Graphviz needed)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from opmodel import Model, Ref
from opmodel.diagrams import capabilities, escalation, flow, governance, roles, structure
from opmodel.model.schema import Decision, Entity, Flow, Role, Unit

Link = Callable[[Ref], str]
E = TypeVar("E", bound=Entity)


def get(model: Model, ref: str, cls: type[E]) -> E:
    kind, _, id = ref.partition(":")
    entity = model.get(Ref(kind, id))
    assert isinstance(entity, cls)
    return entity


def node_line(source: str, name: str) -> str:
    """The DOT statement that declares node `name`, label lines joined by spaces."""
    found = re.search(rf"^\s*{re.escape(name)} \[label=.*$", source, re.MULTILINE)
    assert found, f"no node {name} in\n{source}"
    return found[0].replace("\\n", " ")


def edges(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if " -> " in line and "invis" not in line]


# --- structure --------------------------------------------------------------------------


def test_org_chart_links_every_unit_to_its_page(acme: Model, link: Link) -> None:
    source = structure.build(acme, link).source
    for unit in acme.units:
        assert f'URL="../../units/{unit.id}/"' in node_line(source, f"unit__{unit.id}")


def test_org_chart_shows_each_units_lead(acme: Model, link: Link) -> None:
    source = structure.build(acme, link).source
    assert "Lead: Chief Data Officer" in node_line(source, "unit__data")


def test_org_chart_keeps_external_partners_out_of_the_hierarchy(acme: Model, link: Link) -> None:
    source = structure.build(acme, link).source
    assert 'label="External partners"' in source
    assert not any("unit__hostco" in edge for edge in edges(source))


def test_overview_stops_at_max_depth_and_says_what_is_below(acme: Model, link: Link) -> None:
    source = structure.overview(acme, link, max_depth=2).source
    assert "unit__platform" not in source
    assert "+2 units below" in node_line(source, "unit__tech")


def test_overview_cut_leads_to_the_parent_page_which_lists_the_rest(
    build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    files = {"units/top.yml": "name: Top\n"}
    files |= {f"units/d{n:02}.yml": f"name: Dept {n:02}\nparent: top\n" for n in range(20)}
    model = build_model(files)
    source = structure.overview(model, link, max_children=8, more_link="../units/").source
    shown = [n for n in range(20) if f"unit__d{n:02}" in source]
    assert shown == list(range(7))
    assert 'label="+13 more units" URL="../../units/top/"' in source


def test_overview_orders_siblings_by_units_beneath_then_roles_then_name(
    build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    files = {f"units/{name}.yml": f"name: {name.title()}\n" for name in ("alpha", "beta", "gamma")}
    files |= {"units/gamma-1.yml": "name: G1\nparent: gamma\n"}
    files |= {"roles/r.yml": "title: R\nunit: beta\n"}
    source = structure.overview(build_model(files), link).source
    assert (
        source.index("unit__gamma [") < source.index("unit__beta [") < source.index("unit__alpha [")
    )


def test_an_order_field_puts_units_before_their_unordered_siblings(
    build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    files = {
        "units/alpha.yml": "name: Alpha\norder: 2\n",
        "units/beta.yml": "name: Beta\norder: 1\n",
        "units/gamma.yml": "name: Gamma\n",
        "units/gamma-1.yml": "name: G1\nparent: gamma\n",
    }
    source = structure.overview(build_model(files), link).source
    order = [source.index(f"unit__{name} [") for name in ("beta", "alpha", "gamma")]
    assert order == sorted(order)


def test_overview_of_fifty_top_level_units_draws_and_links_every_one(
    build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    files = {f"units/u{n:02}.yml": f"name: Unit {n:02}\n" for n in range(50)}
    files |= {
        f"units/u{n:02}-t.yml": f"name: Team {n:02}\nparent: u{n:02}\n" for n in range(0, 50, 3)
    }
    source = structure.overview(build_model(files), link, more_link="../units/").source
    for n in range(50):
        assert f'URL="../../units/u{n:02}/"' in node_line(source, f"unit__u{n:02}")
    assert "more__" not in source  # nothing folded away, so no "+N more" back to this page
    # too many branches to sit side by side: one box of collapsed units, in rows of five
    assert "+1 unit below" in node_line(source, "unit__u00")
    assert "unit__u00_t" not in source
    assert source.count("rank=same") == 10


def test_org_chart_puts_leaf_siblings_in_columns_not_one_wide_row(
    build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    files = {"units/top.yml": "name: Top\n"}
    for d in range(3):
        files[f"units/d{d}.yml"] = f"name: Dept {d}\nparent: top\n"
        for t in range(10):
            files[f"units/d{d}-t{t}.yml"] = f"name: Team {d}.{t}\nparent: d{d}\n"
    source = structure.build(model := build_model(files), link).source
    assert len(model.units) == 34
    # each department's ten teams hang in a box (one edge to it), in columns of at most 8
    assert source.count("lhead=cluster_") == 3
    assert "unit__d0_t0 -> unit__d0_t1 [style=invis]" in source


def test_unit_neighbourhood_draws_many_children_and_never_links_more_back_to_its_page(
    build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    files = {"units/top.yml": "name: Top\n"}
    files |= {f"units/c{n:02}.yml": f"name: Child {n:02}\nparent: top\n" for n in range(65)}
    model = build_model(files)
    source = structure.unit_neighbourhood(model, get(model, "unit:top", Unit), link).source
    assert sum(f"unit__c{n:02} [" in source for n in range(65)) == structure.MAX_CHILDREN - 1
    more = node_line(source, "more__unit__top")
    assert "+6 more units" in more
    assert "URL=" not in more  # the page it sits on lists them all below the diagram


def test_unit_neighbourhood_shows_parent_children_and_roles_only(acme: Model, link: Link) -> None:
    source = structure.unit_neighbourhood(acme, get(acme, "unit:tech", Unit), link).source
    for name in ("unit__hq", "unit__tech", "unit__platform", "unit__apps", "role__cto"):
        assert name in source
    assert "unit__data" not in source  # a sibling is not a neighbour
    assert "penwidth=2.5" in node_line(source, "unit__tech")  # the subject stands out


# --- governance -------------------------------------------------------------------------


def test_governance_and_management_forums_differ_in_shape_and_fill(acme: Model, link: Link) -> None:
    source = governance.build(acme, link).source
    board, ops = node_line(source, "forum__board"), node_line(source, "forum__ops")
    assert "peripheries=2" in board and "peripheries" not in ops
    assert re.search(r"fillcolor=\S+", board)[0] != re.search(r"fillcolor=\S+", ops)[0]  # type: ignore[index]


def test_governance_map_shows_cadence_and_reporting_lines(acme: Model, link: Link) -> None:
    source = governance.build(acme, link).source
    assert "monthly · 120 min" in node_line(source, "forum__board")
    assert "forum__board -> forum__ops [dir=back]" in edges(source)
    assert "forum__board -> forum__data_council [dir=back]" in edges(source)


def clusters(source: str) -> list[tuple[str, list[str]]]:
    """Each cluster's attribute lines (joined) and the nodes declared directly in it."""
    found: list[tuple[str, list[str]]] = []
    stack: list[tuple[str, list[str]] | None] = []
    for line in source.splitlines():
        text = line.strip()
        if text.startswith("subgraph cluster_"):
            stack.append(("", []))
        elif text.endswith("{"):
            stack.append(None)  # the graph itself, or a rank=same group
        elif text == "}":
            done = stack.pop()
            if done is not None:
                found.append(done)
        elif stack and stack[-1] is not None:
            attrs, nodes = stack[-1]
            node = re.match(r"^(\w+) \[label=", text)
            if node:
                nodes.append(node[1])
            else:
                stack[-1] = (attrs + " " + text, nodes)
    return found


def flat_forums(units: int, per_unit: int) -> dict[str, str]:
    """`units` units, each with a chair role chairing `per_unit` forums; no reporting lines."""
    files = {"organisation.yml": "name: Open project\n"}
    for u in range(1, units + 1):
        files[f"units/group-{u}.yml"] = f"name: Group {u}\n"
        files[f"roles/group-{u}-chair.yml"] = f"title: Group {u} chair\nunit: group-{u}\n"
        for f in range(1, per_unit + 1):
            files[f"forums/group-{u}-meeting-{f}.yml"] = (
                f"name: Group {u} meeting {f}\ntype: management\nchair: group-{u}-chair\n"
                "cadence: weekly\nduration_minutes: 30\n"
            )
    return files


def test_flat_forums_sit_in_one_box_per_unit_of_their_chair(
    build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    model = build_model(flat_forums(units=10, per_unit=4))
    source = governance.build(model, link).source
    boxes = {attrs: nodes for attrs, nodes in clusters(source) if "Group" in attrs}
    assert len(boxes) == 10
    for u in range(1, 11):
        (attrs,) = [a for a in boxes if f'label="Group {u}"' in a]
        assert f'URL="../../units/group-{u}/"' in attrs, "the box links to the unit"
        assert boxes[attrs] == [f"forum__group_{u}_meeting_{f}" for f in range(1, 5)]
    assert "Reporting to no other" not in source  # no tree to tell them apart from


def test_flat_forums_of_no_unit_fall_back_to_a_grid_a_few_columns_wide(
    build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    files = {
        path: re.sub(r"\nunit: group-\d+", "", text) for path, text in flat_forums(10, 4).items()
    }
    model = build_model({p: t for p, t in files.items() if not p.startswith("units/")})
    source = governance.build(model, link).source
    assert [attrs for attrs, _ in clusters(source) if "Key" not in attrs] == []
    columns = set(re.findall(r"group=forum__(\w+)_col", source))
    assert len(columns) == governance.GRID_COLUMNS


def test_standalone_forums_beside_a_tree_are_boxed_by_unit_and_lines_still_drawn(
    acme_files: dict[str, str], build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    acme_files["forums/standup.yml"] = "name: Stand-up\nchair: engineer\ncadence: weekly\n"
    source = governance.build(build_model(acme_files), link).source
    assert "forum__board -> forum__ops [dir=back]" in edges(source)
    (platform,) = [nodes for attrs, nodes in clusters(source) if "label=Platform" in attrs]
    assert platform == ["forum__standup"]
    assert "Reporting to no other" in source


# --- escalation -------------------------------------------------------------------------


def test_escalation_goes_from_accountable_to_escalates_to_then_up_the_forums(
    acme: Model,
) -> None:
    steps = escalation.path(acme, get(acme, "decision:publish-data", Decision))
    assert [(e.id, how) for e, how in steps] == [
        ("cdo", "accountable"),
        ("data-council", "escalates to"),
        ("board", "reports to"),
    ]


def test_escalation_without_escalates_to_follows_the_line_management(acme: Model) -> None:
    steps = escalation.path(acme, get(acme, "decision:buy-server", Decision))
    assert [e.id for e, _ in steps] == ["engineer", "cto", "ceo"]


def test_escalation_shows_the_threshold(acme: Model, link: Link) -> None:
    decision = get(acme, "decision:publish-data", Decision)
    source = escalation.build(acme, decision, link).source
    assert "Personal data involved" in node_line(source, "decision__publish_data")


# --- flow -------------------------------------------------------------------------------


def test_flow_runs_left_to_right_in_lanes_per_owning_unit(acme: Model, link: Link) -> None:
    source = flow.build(acme, get(acme, "flow:new-dataset", Flow), link).source
    assert "rankdir=LR" in source
    assert "label=Analytics" in source and "label=Platform" in source


def test_flow_marks_a_handoff_only_where_the_owning_unit_changes(acme: Model, link: Link) -> None:
    """Stage 2 is owned by a role in the Analytics team: same lane as stage 1."""
    source = flow.build(acme, get(acme, "flow:new-dataset", Flow), link).source
    handoffs = [edge for edge in edges(source) if "handoff" in edge]
    assert handoffs == [
        "stage__flow__new_dataset__1 -> stage__flow__new_dataset__2 "
        '[label=handoff color="#dd6b20" fontcolor="#dd6b20" penwidth=2.5 style=bold]'
    ]


def test_flow_stages_are_filled_by_pain_and_show_lead_time(acme: Model, link: Link) -> None:
    source = flow.build(acme, get(acme, "flow:new-dataset", Flow), link).source
    first = node_line(source, "stage__flow__new_dataset__0")
    second = node_line(source, "stage__flow__new_dataset__1")
    last = node_line(source, "stage__flow__new_dataset__2")
    assert f'fillcolor="{flow.PAIN_FILLS[0]}"' in first and "2 days" in first
    assert "12 hours" in second
    assert f'fillcolor="{flow.PAIN_FILLS[3]}"' in last


# --- capabilities -----------------------------------------------------------------------


def test_capability_map_nests_level_three_inside_level_two_inside_level_one(
    acme: Model, link: Link
) -> None:
    source = capabilities.build(acme, link).source
    one = source.index('label="Data management')
    two = source.index('label="Data quality', one)
    three = source.index("capability__profiling [label=", two)
    assert one < two < three
    assert source.count("subgraph cluster_") >= 2


def test_capability_map_colours_by_maturity_gap_with_a_legend(acme: Model, link: Link) -> None:
    source = capabilities.build(acme, link).source
    by_gap = {
        "profiling": capabilities.LEGEND[0],  # 3 -> 3: at target
        "hosting": capabilities.LEGEND[1],  # 3 -> 4
        "reporting": capabilities.LEGEND[4],  # not assessed
    }
    for id, (_, style) in by_gap.items():
        assert f'fillcolor="{style["fillcolor"]}"' in node_line(source, f"capability__{id}")
    assert "Maturity gap" in source
    assert 'label="3 or more below target"' in source


# --- role -------------------------------------------------------------------------------


def test_role_neighbourhood_shows_manager_reports_and_forum_seats(acme: Model, link: Link) -> None:
    source = roles.build(acme, get(acme, "role:cdo", Role), link).source
    assert "role__ceo -> role__cdo [dir=back]" in edges(source)
    assert "role__cdo -> role__analyst [dir=back]" in edges(source)
    assert "chair · 0.1 h a week" in node_line(source, "forum__data_council")
    assert "member · 0.5 h a week" in node_line(source, "forum__ops")
    assert "member" in node_line(source, "forum__board")


def test_a_role_with_no_holder_says_vacant(acme: Model, link: Link) -> None:
    source = roles.build(acme, get(acme, "role:cto", Role), link).source
    assert "vacant" in node_line(source, "role__cto")
    assert "Ada Lovelace" in node_line(source, "role__ceo")


def test_collapsed_levels_inside_and_outside_the_partners_box_stay_apart(
    build_model: Callable[[dict[str, str]], Model], link: Link
) -> None:
    files = {f"units/in{n}.yml": f"name: Inside {n}\n" for n in range(4)}
    files |= {f"units/ex{n}.yml": f"name: Partner {n}\nexternal: true\n" for n in range(4)}
    source = structure.overview(build_model(files), link, max_children=3).source
    assert source.count('label="+2 more units"') == 2
    more = re.findall(r"^\s*(more__\S+) \[", source, re.MULTILINE)
    assert len(more) == len(set(more)) == 2


def test_every_diagram_kind_has_a_text_alternative(acme: Model) -> None:
    texts = [
        structure.describe(acme),
        structure.describe_unit(acme, get(acme, "unit:tech", Unit)),
        governance.describe(acme),
        escalation.describe(acme, get(acme, "decision:publish-data", Decision)),
        flow.describe(acme, get(acme, "flow:new-dataset", Flow)),
        capabilities.describe(acme),
        roles.describe(acme, get(acme, "role:cdo", Role)),
    ]
    assert (
        texts[1] == "Where 'Technology' sits, under Headquarters, 2 units below it, 1 role in it."
    )
    assert texts[3] == (
        "Escalation path for 'Publish a dataset': Chief Data Officer then Data Council then Board."
    )
    assert (
        texts[4]
        == "Flow 'New dataset': 3 stages from trigger to result, with 1 handoff between units."
    )
    assert all(text.endswith(".") for text in texts)

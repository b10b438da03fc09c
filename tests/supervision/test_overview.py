"""Where each child of a team stands, worked out by hand."""

from datetime import date

from dayinmylife.supervision.overview import children_on_team, figures, team_figures

TODAY = date(2026, 12, 1)


def row(child_id, name, practitioner=1, last_seen=None, last_started=None, next_on=None, active=1, stale=0):
    return {
        "id": child_id,
        "display_name": name,
        "case_reference": None,
        "next_session_on": next_on,
        "practitioner_id": practitioner,
        "practitioner_name": {1: "Sam", 2: "Alex"}[practitioner],
        "practitioner_active": active,
        "last_seen": last_seen,
        "last_started": last_started or last_seen,
        "stale_unfinished": stale,
    }


def test_children_needing_attention_come_first():
    children = children_on_team(
        [
            row(1, "Planned", last_seen="2026-11-20"),  # due 20 February
            row(2, "Overdue", last_seen="2026-07-01"),  # due 1 October
            row(3, "Never"),
            row(4, "Soon", last_seen="2026-09-10"),  # due 10 December
            row(5, "Stranded", practitioner=2, last_seen="2026-11-20", active=0),
        ],
        TODAY,
    )
    assert [(child.name, child.standing) for child in children] == [
        ("Stranded", "needs_practitioner"),
        ("Overdue", "overdue"),
        ("Never", "never"),
        ("Soon", "due_soon"),
        ("Planned", "planned"),
    ]
    assert [child.seen for child in children] == [True, False, False, True, True]  # since 1 September


def test_a_date_agreed_for_the_next_session_wins_over_three_months():
    [child] = children_on_team([row(1, "Leo", last_seen="2026-07-01", next_on="2027-01-20")], TODAY)
    assert (child.standing, child.due_on) == ("planned", date(2027, 1, 20))


def test_figures_per_practitioner_and_for_the_team_count_each_child_once():
    rows = [
        row(1, "Leo", last_seen="2026-11-20", stale=1),
        row(2, "Mia", last_seen="2026-07-01"),
        row(2, "Mia", practitioner=2, last_seen="2026-07-01"),  # Mia has Sam and Alex
        row(3, "Kai", practitioner=2),
    ]
    children = children_on_team(rows, TODAY)
    alex, sam = figures(children, [{"id": 1, "name": "Sam"}, {"id": 2, "name": "Alex"}])  # Alex: more to see
    assert (alex.who, alex.children, alex.counts["overdue"], alex.counts["never"]) == ("Alex", 2, 1, 1)
    assert (sam.children, sam.counts["seen"], sam.counts["unfinished"], sam.counts["overdue"]) == (2, 1, 1, 1)
    team = team_figures(children, "Team")
    assert (team.children, team.counts["overdue"], team.counts["never"], team.counts["seen"]) == (3, 1, 1, 1)

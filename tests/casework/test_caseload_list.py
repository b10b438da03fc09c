"""A caseload of sixty children: search by name or case reference, show some, sort, needs attention first."""

import re
from datetime import date, timedelta

import pytest

from dayinmylife import store
from dayinmylife.casework.caseload_list import Choice, attention, caseload_list
from dayinmylife.casework.schedule import NextSession

TODAY = date.today()


def child(name, *, born="2015-01-01", reference=None, status="planned", on=None, last=None, unfinished=0):
    return {
        "display_name": name,
        "date_of_birth": born,
        "case_reference": reference,
        "next": NextSession(on, status),
        "last_session_at": last,
        "unfinished_count": unfinished,
    }


def names(children):
    return [c["display_name"] for c in children]


def test_needs_attention_first_puts_overdue_then_unfinished_then_due_soon_then_never_seen():
    children = [
        child("Ada", status="planned", on=TODAY + timedelta(days=60)),
        child("Ben", status="first"),
        child("Cal", status="due_soon", on=TODAY + timedelta(days=3)),
        child("Dee", status="planned", on=TODAY + timedelta(days=30), unfinished=1),
        child("Eve", status="overdue", on=TODAY - timedelta(days=9)),
        child("Fin", status="overdue", on=TODAY - timedelta(days=40)),
    ]
    assert names(caseload_list(children, Choice())) == ["Fin", "Eve", "Dee", "Cal", "Ben", "Ada"]
    assert attention(children[3]) == "unfinished"


def test_search_finds_a_name_or_a_case_reference_whatever_the_case():
    children = [child("Leo Smith", reference="DEMO-0117"), child("Mia", reference="C-2"), child("Leonie")]
    assert names(caseload_list(children, Choice(search="leo"))) == ["Leo Smith", "Leonie"]
    assert names(caseload_list(children, Choice(search="demo-01"))) == ["Leo Smith"]


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("name", ["amy", "Bea", "Cy"]),
        ("age", ["Cy", "amy", "Bea"]),  # youngest first
        ("last", ["Bea", "amy", "Cy"]),  # most recent first, never seen last
        ("next", ["Cy", "amy", "Bea"]),  # no session yet counts as due now
    ],
)
def test_each_order(sort, expected):
    children = [
        child("Bea", born="2012-01-01", on=TODAY + timedelta(days=20), last="2026-11-01T10:00:00+00:00"),
        child("Cy", born="2020-01-01", status="first"),
        child("amy", born="2015-01-01", on=TODAY + timedelta(days=10), last="2026-06-01T10:00:00+00:00"),
    ]
    assert names(caseload_list(children, Choice(sort=sort))) == expected


def test_unknown_choices_fall_back_to_the_defaults():
    choice = Choice.from_args({"show": "<script>", "sort": "'; DROP", "q": "  leo   smith "})
    assert (choice.show, choice.sort, choice.search) == ("all", "attention", "leo smith")


@pytest.fixture
def sixty(db, signed_in, child_of, questionnaires):
    """Sixty children: a third never seen, a third seen a year ago (overdue), a third seen last week."""
    ids = []
    for number in range(60):
        child_id = store.children.create_child(
            db, signed_in, f"Child {number:02d}", f"{2008 + number % 14}-03-01", f"REF-{number:03d}"
        )
        if number % 3:
            ago = 365 if number % 3 == 1 else 7
            started = (TODAY - timedelta(days=ago)).isoformat() + "T10:00:00+00:00"
            session = store.sessions.start_session(
                db, child_id, questionnaires["primary"], signed_in, started_at=started
            )
            if number % 6 != 5:
                store.sessions.finish_session(db, session)
        ids.append(child_id)
    return ids


def rows(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/children/\d+">([^<]+)</a>', page)


def test_sixty_children_all_listed_with_the_overdue_first(client, sixty):
    page = client.get("/").text
    listed = rows(page)
    assert len(listed) == 60 and "60 children." in page
    overdue = [f"Child {n:02d}" for n in range(60) if n % 3 == 1]
    assert sorted(listed[:20]) == overdue  # a year since their last session: all twenty overdue, first
    assert "20 children are overdue a session." in page


def test_sixty_children_narrowed_by_search_show_and_sort(client, sixty):
    found = client.get("/", query_string={"q": "ref-04"}).text
    assert sorted(rows(found)) == [f"Child {n}" for n in range(40, 50)]
    assert "10 children of 60 shown." in found
    unfinished = rows(client.get("/", query_string={"show": "unfinished"}).text)
    assert sorted(unfinished) == [f"Child {n:02d}" for n in range(60) if n % 6 == 5]
    never = rows(client.get("/", query_string={"show": "first"}).text)
    assert sorted(never) == [f"Child {n:02d}" for n in range(0, 60, 3)]
    by_name = rows(client.get("/", query_string={"sort": "name"}).text)
    assert by_name == sorted(by_name)


def test_a_search_that_finds_nobody_says_so(client, sixty):
    page = client.get("/", query_string={"q": "Zebedee"}).text
    assert "No child matches" in page and "0 children of 60 shown." in page

"""A consultation across schools: each school its own code and classroom sheet, pupils choosing their class,
and results for the whole, one school and one class, each school's numbers said alike on every page."""

import csv
import io
import re

import pytest

from dayinmylife import store
from dayinmylife.consultations.codes import make_join_code
from dayinmylife.store.db import connect
from dayinmylife.store.migrations import migrations
from tests.conftest import Practitioners
from tests.consultations.helpers import breakfast, create_lead, days, group_ids, pupils_answer
from tests.consultations.test_join import NOT_OPEN, start, type_code
from tests.consultations.test_results import table_after
from tests.consultations.test_tallies import consultation_of_an_older_schema

SCHOOLS = "Hillside Primary: 5A, 5B\nBrook Lane: 5A, 6\nLittle Acorns"


def details(**changes) -> dict:
    return {
        "title": "Our county's children",
        "questionnaire": "primary",
        "opens_on": days(-1),
        "closes_on": days(14),
        "min_group_size": "5",
        "max_responses": "600000",
        "groups": "",
        "schools": SCHOOLS,
        **changes,
    }


def across_schools(db, lead_id) -> int:
    details = {
        "title": "Our county's children",
        "questionnaire_id": "primary",
        "opens_on": days(-1),
        "closes_on": days(14),
        "min_group_size": 5,
        "max_responses": 600_000,
    }
    schools = [("Hillside Primary", ["5A", "5B"]), ("Brook Lane", ["5A", "6"]), ("Little Acorns", [])]
    return store.consultations.create_consultation(db, lead_id, details, [], make_join_code, schools)


def schools_of(db, consultation_id) -> dict[str, dict]:
    """Each school by name, with its classes by name."""
    return {
        school["name"]: {
            **school,
            "classes": {c["name"]: c["id"] for c in store.schools.classes_of(db, school["id"])},
        }
        for school in store.consultations.consultation_groups(db, consultation_id)
    }


@pytest.fixture
def pupil(app):
    return app.test_client()


def test_a_lead_makes_a_consultation_across_schools_and_sends_each_school_its_code(db, lead, practitioners):
    response = practitioners.post("/consultations/new", details())
    consultation_id = int(response.location.rsplit("/", 1)[1])
    schools = schools_of(db, consultation_id)
    assert list(schools) == ["Hillside Primary", "Brook Lane", "Little Acorns"]
    assert list(schools["Brook Lane"]["classes"]) == ["5A", "6"] and schools["Little Acorns"]["classes"] == {}
    codes = {school["join_code"] for school in schools.values()}
    consultation = store.consultations.consultation_by_id(db, consultation_id)
    assert len(codes) == 3 and consultation["join_code"] not in codes

    page = practitioners.client.get(f"/consultations/{consultation_id}").text
    hillside = schools["Hillside Primary"]
    assert (
        "Each school has its own code" in page
        and f"{hillside['join_code'][:3]} {hillside['join_code'][3:]}" in page
    )
    assert (
        consultation["join_code"][:3] + " " + consultation["join_code"][3:] not in page
    )  # no code pupils can't use

    sheet = practitioners.client.get(f"/consultations/{consultation_id}/sheet?school={hillside['id']}").text
    assert "Hillside Primary" in sheet and f"{hillside['join_code'][:3]} {hillside['join_code'][3:]}" in sheet
    assert f"qr.svg?school={hillside['id']}" in sheet
    qr = practitioners.client.get(f"/consultations/{consultation_id}/qr.svg?school={hillside['id']}")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"

    download = practitioners.client.get(f"/consultations/{consultation_id}/schools.csv")
    rows = list(csv.reader(io.StringIO(download.text.lstrip("\ufeff"))))
    assert rows[0] == ["School", "Code", "Classes", "Join address", "Classroom sheet"]
    assert rows[1][:3] == [
        "Hillside Primary",
        f"{hillside['join_code'][:3]} {hillside['join_code'][3:]}",
        "5A, 5B",
    ]
    assert rows[1][3].endswith(f"/join/?code={hillside['join_code']}")
    assert rows[3][:3][::2] == ["Little Acorns", ""]


def test_a_consultation_across_schools_has_no_sheet_or_qr_code_without_a_school(db, lead, practitioners):
    consultation_id = across_schools(db, lead)
    other = schools_of(db, across_schools(db, lead))["Brook Lane"]["id"]  # a school of another consultation
    for asked in ("", "?school=", f"?school={other}"):
        assert practitioners.client.get(f"/consultations/{consultation_id}/sheet{asked}").status_code == 404
        assert practitioners.client.get(f"/consultations/{consultation_id}/qr.svg{asked}").status_code == 404


def test_another_lead_cannot_open_a_school_s_sheet_or_the_codes(app, db, lead):
    consultation_id = across_schools(db, lead)
    school = schools_of(db, consultation_id)["Hillside Primary"]["id"]
    other = Practitioners(app.test_client(), db)
    create_lead(db, email="other@school.example")
    other.sign_in("other@school.example")
    for address in (
        f"sheet?school={school}",
        f"qr.svg?school={school}",
        "schools.csv",
        f"results?group={school}",
    ):
        assert other.client.get(f"/consultations/{consultation_id}/{address}").status_code == 404


def test_a_consultation_of_one_school_has_no_list_of_schools(db, lead, practitioners):
    response = practitioners.post("/consultations/new", details(schools="", groups="5 Oak\n5 Ash"))
    consultation_id = int(response.location.rsplit("/", 1)[1])
    assert practitioners.client.get(f"/consultations/{consultation_id}/schools.csv").status_code == 404
    assert practitioners.client.get(f"/consultations/{consultation_id}/sheet").status_code == 200


@pytest.mark.parametrize(
    ("schools", "groups", "problem"),
    [
        (SCHOOLS, "5 Oak", "Give groups or schools, not both"),
        ("Hillside: 5A\nhillside: 5B", "", "Give each school a different name"),
        ("Hillside: 5A, 5a", "", "Hillside: give each class a different name"),
        ("Hillside: " + ", ".join(f"C{n}" for n in range(21)), "", "Hillside: use 20 classes or fewer"),
        ("H" * 41, "", "Keep each name to 40 characters"),
    ],
)
def test_schools_as_typed_are_checked(db, lead, practitioners, schools, groups, problem):
    response = practitioners.post("/consultations/new", details(schools=schools, groups=groups))
    assert response.status_code == 400 and problem in response.text
    assert store.consultations.consultations_of(db, lead) == []


def test_the_same_class_name_may_be_in_two_schools_but_not_twice_in_one(db, lead):
    schools = schools_of(db, across_schools(db, lead))
    assert schools["Hillside Primary"]["classes"]["5A"] != schools["Brook Lane"]["classes"]["5A"]
    with pytest.raises(Exception, match="UNIQUE"):
        db.execute(
            "INSERT INTO consultation_groups (consultation_id, name, position, school_id) VALUES (?, '5B', 9, ?)",
            (schools["Hillside Primary"]["consultation_id"], schools["Hillside Primary"]["id"]),
        )


def test_a_pupil_joins_with_their_school_s_code_and_chooses_from_its_classes_only(db, lead, pupil):
    consultation_id = across_schools(db, lead)
    schools = schools_of(db, consultation_id)
    assert type_code(pupil, schools["Brook Lane"]["join_code"].lower()).location == "/join/start"
    page = pupil.get("/join/start").text
    assert "Brook Lane" in page and "Which is your group?" in page and ">6<" in page
    assert ">5B<" not in page and "Hillside" not in page  # (a bare "5B" may be in the random CSRF token)
    refused = start(pupil, schools["Hillside Primary"]["classes"]["5B"])  # another school's class
    assert refused.status_code == 400 and "Choose your group" in refused.text
    started = start(pupil, schools["Brook Lane"]["classes"]["6"])
    session_id = int(re.search(r"/day/(\d+)/", started.location).group(1))
    session = store.sessions.session_by_id(db, session_id)
    assert session["consultation_id"] == consultation_id
    assert session["consultation_group_id"] == schools["Brook Lane"]["classes"]["6"]


def test_a_pupil_of_a_school_without_classes_starts_at_once(db, lead, pupil):
    consultation_id = across_schools(db, lead)
    acorns = schools_of(db, consultation_id)["Little Acorns"]
    type_code(pupil, acorns["join_code"])
    page = pupil.get("/join/start").text
    assert "Little Acorns" in page and "Ready?" in page and "Which is your group?" not in page
    session_id = int(re.search(r"/day/(\d+)/", start(pupil).location).group(1))
    assert store.sessions.session_by_id(db, session_id)["consultation_group_id"] == acorns["id"]


def test_the_consultation_s_own_code_does_not_open_a_consultation_across_schools(db, lead, pupil):
    consultation = store.consultations.consultation_by_id(db, across_schools(db, lead))
    response = type_code(pupil, consultation["join_code"])
    assert response.status_code == 400 and NOT_OPEN in response.text
    assert pupil.get("/join/start").location == "/join/"


def _answered(db, lead, questionnaires) -> tuple[int, dict]:
    """Hillside: 5A 8 pupils, 5B 6; Brook Lane: 5A 7, 6 3 (too few alone); Little Acorns 5 (no classes)."""
    consultation_id = across_schools(db, lead)
    schools = schools_of(db, consultation_id)
    primary = questionnaires["primary"]
    hillside, brook = schools["Hillside Primary"]["classes"], schools["Brook Lane"]["classes"]
    pupils_answer(
        db, primary, consultation_id, hillside["5A"], [breakfast("yes")] * 6 + [breakfast("no")] * 2
    )
    pupils_answer(db, primary, consultation_id, hillside["5B"], [breakfast("yes")] * 5 + [breakfast("no")])
    pupils_answer(db, primary, consultation_id, brook["5A"], [breakfast("yes")] * 7)
    pupils_answer(db, primary, consultation_id, brook["6"], [breakfast("no")] * 3)
    pupils_answer(db, primary, consultation_id, schools["Little Acorns"]["id"], [breakfast("yes")] * 5)
    return consultation_id, schools


def _counts(page: str) -> list[str]:
    """The pupils per answer of the breakfast question's school-day column, as the page shows them."""
    return re.findall(r'<td class="num[^"]*">([^<]*)</td>', table_after(page, "Do you have breakfast?"))


def test_results_per_level_the_whole_a_school_and_a_class(db, lead, practitioners, questionnaires):
    consultation_id, schools = _answered(db, lead, questionnaires)
    address = f"/consultations/{consultation_id}/results"
    whole = practitioners.client.get(address).text
    assert "29 pupils answered" in whole
    for name in ("Hillside Primary", "Brook Lane", "Little Acorns"):
        assert f"{name} <span" in whole  # the schools are the groups to choose
    hillside = schools["Hillside Primary"]
    school_page = practitioners.client.get(f"{address}?group={hillside['id']}").text
    assert "Results: Hillside Primary" in school_page and "Whole school" in school_page
    assert f"class={hillside['classes']['5B']}" in school_page
    class_page = practitioners.client.get(
        f"{address}?group={hillside['id']}&class={hillside['classes']['5A']}"
    )
    assert "Results: Hillside Primary, 5A" in class_page.text
    brook = schools["Brook Lane"]
    brook_page = practitioners.client.get(f"{address}?group={brook['id']}").text
    assert "Not shown on its own, because fewer than 5 pupils in it answered: 6." in brook_page
    assert f"class={brook['classes']['6']}" not in brook_page
    acorns = practitioners.client.get(f"{address}?group={schools['Little Acorns']['id']}").text
    assert "Whole school" not in acorns  # no classes to choose


def test_a_class_of_another_school_or_too_small_shows_the_school_instead(
    db, lead, practitioners, questionnaires
):
    consultation_id, schools = _answered(db, lead, questionnaires)
    address = f"/consultations/{consultation_id}/results?group={schools['Hillside Primary']['id']}"
    school = practitioners.client.get(address).text
    for other in (schools["Brook Lane"]["classes"]["5A"], schools["Brook Lane"]["classes"]["6"], "x"):
        assert _counts(practitioners.client.get(f"{address}&class={other}").text) == _counts(school)


def test_pupils_own_words_and_rows_name_their_school_never_their_class(
    db, lead, practitioners, questionnaires
):
    consultation_id, _schools = _answered(db, lead, questionnaires)
    download = practitioners.client.get(f"/consultations/{consultation_id}/anonymous-answers.csv").text
    rows = list(csv.reader(io.StringIO(download.lstrip("\ufeff"))))
    assert rows[0][1] == "Group (only where reported)"
    assert {row[1] for row in rows[1:]} == {"Hillside Primary", "Brook Lane", "Little Acorns"}


def test_making_room_for_schools_keeps_every_group_response_and_answer(tmp_path, questionnaires):
    db = connect(tmp_path / "before.sqlite3")
    migrations.apply(db, stop_before="m034_schools_and_their_classes")
    consultation_id, groups = consultation_of_an_older_schema(db)
    pupils_answer(db, questionnaires["primary"], consultation_id, groups["5 Ash"], [breakfast("yes")] * 4)
    counts = store.tallies.consultation_answer_counts(db, consultation_id)
    migrations.apply(db)
    assert group_ids(db, consultation_id) == groups
    assert (
        db.execute(
            "SELECT COUNT(*) FROM sessions WHERE consultation_group_id = ?", (groups["5 Ash"],)
        ).fetchone()[0]
        == 4
    )
    assert store.tallies.consultation_answer_counts(db, consultation_id) == counts
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.conn.close()


def test_a_school_s_results_download_with_its_classes_and_its_numbers_as_the_whole_s(
    db, lead, practitioners, questionnaires
):
    consultation_id, schools = _answered(db, lead, questionnaires)
    hillside = schools["Hillside Primary"]["id"]
    address = f"/consultations/{consultation_id}/results.csv"
    whole = list(csv.reader(io.StringIO(practitioners.client.get(address).text.lstrip("\ufeff"))))
    school = list(
        csv.reader(io.StringIO(practitioners.client.get(f"{address}?group={hillside}").text.lstrip("\ufeff")))
    )
    assert school[0][4:] == [
        "Hillside Primary: pupils",
        "Hillside Primary: per cent",
        "5A: pupils",
        "5A: per cent",
        "5B: pupils",
        "5B: per cent",
    ]
    at = whole[0].index("Hillside Primary: pupils")
    assert [row[at : at + 2] for row in whole[1:]] == [row[4:6] for row in school[1:]]
    page = practitioners.client.get(f"/consultations/{consultation_id}/results?group={hillside}").text
    assert f"results.csv?group={hillside}" in page and "with its classes (CSV)" in page


def test_a_consultation_takes_a_country_s_schools(db, lead, practitioners):
    """The Big Ask's 2,000 schools, and more: over 200 its results are counted ahead (test_kept)."""
    too_many = "\n".join(f"School {n}" for n in range(2_501))
    response = practitioners.post("/consultations/new", details(schools=too_many))
    assert response.status_code == 400 and "Use 2500 schools or fewer" in response.text
    response = practitioners.post("/consultations/new", details(schools=too_many.rsplit("\n", 1)[0]))
    assert response.status_code == 302
    consultation_id = int(response.location.rsplit("/", 1)[1])
    assert store.schools.school_count(db, consultation_id) == 2_500


def test_a_country_s_long_list_of_schools_and_classes_is_taken(db, lead, practitioners):
    classes = ", ".join(
        f"Year {year} class {letter} (Mrs Fairweather)" for year in range(3, 7) for letter in "ABCDE"
    )
    schools = "\n".join(f"Church of England Primary School {n}: {classes}" for n in range(1_000))
    assert len(schools.encode()) > 500_000  # Flask's limit for a form field sent as multipart: not this form
    response = practitioners.post("/consultations/new", details(schools=schools))
    assert response.status_code == 302
    consultation_id = int(response.location.rsplit("/", 1)[1])
    assert store.schools.school_count(db, consultation_id) == 1_000

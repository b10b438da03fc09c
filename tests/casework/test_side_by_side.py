"""Whose account a session is, and accounts of the same weeks side by side."""

import html

from dayinmylife import store
from dayinmylife.casework.pairing import chosen_sessions


def session(db, child_id, user, questionnaires, account, day, **answers):
    session_id = store.sessions.start_session(
        db, child_id, questionnaires["primary"], user, started_at=f"{day}T10:00:00+00:00", account=account
    )
    for question_id, value in answers.items():
        store.sessions.save_answer(db, session_id, question_id, "school", value)
    return session_id


def test_a_parents_account_is_recorded_and_does_not_lock_the_device(client, db, practitioners, leo):
    response = practitioners.post(
        f"/children/{leo}/sessions/new", {"questionnaire": "primary", "account": "parent_carer"}
    )
    row = db.execute("SELECT id, account FROM sessions").fetchone()
    assert row["account"] == "parent_carer"
    assert client.get("/").status_code == 200  # not in child mode
    assert client.get(response.location).status_code == 200
    assert "A parent's or carer's account" in html.unescape(client.get(f"/sessions/{row['id']}").text)


def test_a_parents_account_starts_by_speaking_to_the_adult_about_the_child(client, db, practitioners, leo):
    practitioners.post(
        f"/children/{leo}/sessions/new", {"questionnaire": "primary", "account": "parent_carer"}
    )
    session = db.execute("SELECT id FROM sessions").fetchone()["id"]
    start = html.unescape(client.get(f"/day/{session}/").text)
    assert (
        "Leo's day, as you see it" in start and "This is your own account of Leo's usual school day" in start
    )
    assert "Tell us about your day" not in start


def test_an_unknown_account_is_refused(db, practitioners, leo):
    response = practitioners.post(
        f"/children/{leo}/sessions/new", {"questionnaire": "primary", "account": "neighbour"}
    )
    assert "There is a problem" in response.text and db["sessions"].count == 0


def test_accounts_of_the_same_weeks_are_compared_and_their_differences_called_out(
    client, db, leo, signed_in, questionnaires
):
    session(
        db, leo, signed_in, questionnaires, "child", "2026-10-01", who_wakes_you="myself", had_breakfast="no"
    )
    session(
        db,
        leo,
        signed_in,
        questionnaires,
        "parent_carer",
        "2026-10-08",
        who_wakes_you="grown_up",
        had_breakfast="no",
    )
    page = client.get(f"/children/{leo}/accounts")
    assert page.status_code == 200
    assert "1 place where the accounts differ" in page.text
    differences = page.text.split('class="disagreements"')[1]
    assert (
        "Who wakes you up?" in differences
        and "I wake up by myself" in differences
        and "A grown-up" in differences
    )
    assert "Do you have breakfast?" not in differences


def test_an_account_from_months_before_is_not_picked_by_itself(client, db, leo, signed_in, questionnaires):
    session(db, leo, signed_in, questionnaires, "parent_carer", "2026-01-08", who_wakes_you="grown_up")
    session(db, leo, signed_in, questionnaires, "child", "2026-10-01", who_wakes_you="myself")
    assert "Choose sessions from at least two accounts" in client.get(f"/children/{leo}/accounts").text


def test_any_sessions_can_be_chosen_and_nonsense_choices_are_ignored(
    client, db, leo, signed_in, questionnaires
):
    old = session(db, leo, signed_in, questionnaires, "parent_carer", "2026-01-08", who_wakes_you="grown_up")
    session(db, leo, signed_in, questionnaires, "child", "2026-10-01", who_wakes_you="myself")
    assert (
        "place where the accounts differ" in client.get(f"/children/{leo}/accounts?parent_carer={old}").text
    )
    for nonsense in ("abc", "99999999999999999999", "-1", "' OR 1=1"):
        assert (
            client.get(f"/children/{leo}/accounts?parent_carer={nonsense}&child={nonsense}").status_code
            == 200
        )


def test_another_childs_session_cannot_be_chosen(
    client, db, practitioners, leo, signed_in, questionnaires, child_of
):
    mia = child_of(signed_in, "Mia")
    theirs = session(
        db, mia, signed_in, questionnaires, "parent_carer", "2026-10-02", who_wakes_you="grown_up"
    )
    session(db, leo, signed_in, questionnaires, "child", "2026-10-01", who_wakes_you="myself")
    page = client.get(f"/children/{leo}/accounts?parent_carer={theirs}")
    assert "Choose sessions from at least two accounts" in page.text


def test_someone_elses_child_has_no_accounts_page(client, practitioners, child_of, signed_in):
    other = practitioners.create("alex@example.org", "Alex")
    assert client.get(f"/children/{child_of(other, 'Mia')}/accounts").status_code == 404


def test_side_by_side_prefers_finished_accounts_to_todays_unfinished_one(db, leo, signed_in, questionnaires):
    finished_child = session(
        db, leo, signed_in, questionnaires, "child", "2026-10-01", who_wakes_you="myself"
    )
    finished_parent = session(
        db, leo, signed_in, questionnaires, "parent_carer", "2026-10-08", who_wakes_you="alarm"
    )
    for finished in (finished_child, finished_parent):
        store.sessions.finish_session(db, finished)
    session(db, leo, signed_in, questionnaires, "child", "2026-12-02", who_wakes_you="alarm")  # begun today
    chosen = chosen_sessions(store.sessions.sessions_of_child(db, leo), {})
    assert chosen["child"]["id"] == finished_child and chosen["parent_carer"]["id"] == finished_parent


def test_compare_prefers_the_latest_two_finished_sessions(client, db, leo, signed_in, questionnaires):
    older = session(db, leo, signed_in, questionnaires, "child", "2026-06-01", who_wakes_you="myself")
    newer = session(db, leo, signed_in, questionnaires, "child", "2026-09-01", who_wakes_you="alarm")
    for finished in (older, newer):
        store.sessions.finish_session(db, finished)
    session(
        db, leo, signed_in, questionnaires, "child", "2026-12-02", who_wakes_you="alarm"
    )  # 1 answer, today
    page = client.get(f"/children/{leo}/compare").text
    assert f'value="{older}" selected' in page and f'value="{newer}" selected' in page


def test_each_column_of_the_outcomes_grid_says_whose_account_it_is(
    client, db, practitioners, leo, signed_in, questionnaires
):
    session(db, leo, signed_in, questionnaires, "child", "2026-10-01", had_breakfast="yes")
    session(db, leo, signed_in, questionnaires, "parent_carer", "2026-10-08", had_breakfast="no")
    store.casework.add_outcome(
        db, leo, signed_in, "I have breakfast before school", "had_breakfast", "school", ["yes"], None
    )
    grid = client.get(f"/children/{leo}").text.split('class="table outcome-table"')[1].split("</thead>")[0]
    assert "The child's own account" in html.unescape(
        grid
    ) and "A parent's or carer's account" in html.unescape(grid)


def test_each_account_is_shown_in_its_own_words(client, db, leo, signed_in, questionnaires):
    """The child said "I wake up by myself"; the parent was asked "Who wakes Leo up?" and gave the same answer in
    their words: side by side, each reads as it was asked and answered."""
    session(db, leo, signed_in, questionnaires, "child", "2026-10-01", who_wakes_you="grown_up")
    session(db, leo, signed_in, questionnaires, "parent_carer", "2026-10-08", who_wakes_you="myself")
    wakes = questionnaires["primary"].questions_by_id["who_wakes_you"]
    differences = html.unescape(client.get(f"/children/{leo}/accounts").text).split('class="disagreements"')[
        1
    ]
    asked = wakes.adult_prompt.replace("{name}", "Leo")
    assert (
        f"asked “{asked}”" in differences
        and wakes.option("myself").adult_label.replace("{name}", "Leo") in differences
    )
    assert "I wake up by myself" not in differences and "{name}" not in differences


def test_everything_held_shows_each_session_as_its_account_was_asked(
    client, db, leo, signed_in, questionnaires
):
    session(db, leo, signed_in, questionnaires, "child", "2026-10-01", who_wakes_you="myself")
    session(db, leo, signed_in, questionnaires, "parent_carer", "2026-10-08", who_wakes_you="myself")
    wakes = questionnaires["primary"].questions_by_id["who_wakes_you"]
    held = html.unescape(client.get(f"/children/{leo}/everything").text)
    child_part, parent_part = held.split("Session on", 2)[1:]
    assert "Who wakes you up?" in child_part and "I wake up by myself" in child_part
    assert (
        wakes.adult_prompt.replace("{name}", "Leo") in parent_part
        and "A parent's or carer's account" in parent_part
    )
    assert wakes.option("myself").adult_label.replace("{name}", "Leo") in parent_part

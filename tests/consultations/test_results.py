"""A consultation's results and pupils' own words, as the lead reads them: small numbers never shown or worked out."""

import re

from dayinmylife import store
from dayinmylife.consultations.results import build_results, groups_of
from dayinmylife.consultations.suppression import ANSWERED, WHOLE
from tests.consultations.helpers import breakfast, create_consultation, group_ids, pupils_answer


def table_after(page: str, heading: str) -> str:
    return page.split(heading, 1)[1].split("</table>", 1)[0]


def test_results_show_counts_and_percentages_school_day_beside_weekend(client, answered):
    page = client.get(f"/consultations/{answered}/results").text
    assert "17 pupils answered" in page
    breakfast_table = table_after(page, "Do you have breakfast?")
    assert "On a school day" in breakfast_table and "At the weekend" in breakfast_table
    yes_row = breakfast_table.split(">Yes</th>", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", yes_row)[:2] == ["11", "65%"]
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page


def test_a_count_under_the_minimum_is_shown_as_fewer_than_it_never_as_the_number(client, db, answered):
    page = client.get(f"/consultations/{answered}/results?group={group_ids(db, answered)['5 Oak']}").text
    breakfast_table = table_after(page, "Do you have breakfast?")
    no_row = breakfast_table.split(">No</th>", 1)[1].split("</tr>", 1)[0]
    assert "fewer than 5" in no_row
    assert not re.search(r">\s*2\s*<", no_row)


def first_count(page: str, question: str, answer: str) -> str:
    row = table_after(page, question).split(f">{answer}</th>", 1)[1].split("</tr>", 1)[0]
    return re.findall(r"<td[^>]*>([^<]*)</td>", row)[0]


def test_a_group_too_small_is_not_reported_and_cannot_be_worked_out_from_the_whole(client, db, answered):
    ids = group_ids(db, answered)
    whole = client.get(f"/consultations/{answered}/results").text
    assert "Not shown on its own" in whole and "Nurture" in whole
    assert f"group={ids['Nurture']}" not in whole
    # 8 in Oak, 6 in Ash, 17 in all: one class's number is hidden too, else 17 - 8 - 6 = the nurture group's 3
    assert '5 Oak <span class="muted">(8)</span>' in whole or '5 Ash <span class="muted">(6)</span>' in whole
    assert not ("(8)</span>" in whole and "(6)</span>" in whole)
    assert client.get(f"/consultations/{answered}/results?group={ids['Nurture']}").text.count(
        "<h1>Results</h1>"
    )
    pages = [whole] + [
        client.get(f"/consultations/{answered}/results?group={ids[name]}").text for name in ("5 Oak", "5 Ash")
    ]
    for answer in ("Yes", "No"):
        whole_count, oak, ash = (first_count(page, "Do you have breakfast?", answer) for page in pages)
        assert not (whole_count.isdigit() and oak.isdigit() and ash.isdigit()), answer  # whole - Oak - Ash
    # Nobody at all: a 0 is under the minimum too, so it reads "fewer than 5" like any small count.
    assert first_count(whole, "Who wakes you up?", "An alarm") == "fewer than 5"


def test_a_follow_up_everyone_in_a_class_answered_does_not_say_that_none_of_them_went_without(
    client, db, lead, questionnaires
):
    """ "Who gets your breakfast?" is asked of everyone who did not say "no" to breakfast. All 20 of 5 Oak
    answered it, so if the page showed both that 20 and 5 Oak's 20 pupils, anyone could tell that no one in
    5 Oak goes without breakfast, though the page says only "fewer than 5"."""
    consultation_id = create_consultation(db, lead, groups=("5 Oak", "5 Ash"))
    ids = group_ids(db, consultation_id)

    def fed(by):
        return {**breakfast("yes"), ("who_makes_breakfast", "school"): by}

    oak = [fed("grown_up")] * 8 + [fed("myself")] * 6 + [fed("brother_or_sister")] * 6
    primary = questionnaires["primary"]
    pupils_answer(db, primary, consultation_id, ids["5 Oak"], oak)
    pupils_answer(db, primary, consultation_id, ids["5 Ash"], [fed("grown_up")] * 7 + [breakfast("no")] * 3)
    page = client.get(f"/consultations/{consultation_id}/results?group={ids['5 Oak']}").text
    assert first_count(page, "Do you have breakfast?", "No") == "fewer than 5"
    oak_pupils_shown = '5 Oak <span class="muted">(20)</span>' in page
    who_answered = first_count(page, "Who gets your breakfast?", "Pupils who answered").strip()
    assert not (oak_pupils_shown and who_answered == "20")


def test_results_for_one_group_are_that_groups_alone(client, db, answered):
    oak = group_ids(db, answered)["5 Oak"]
    page = client.get(f"/consultations/{answered}/results?group={oak}").text
    assert "<h1>Results: 5 Oak</h1>" in page
    assert 'aria-current="page">5 Oak' in page


def test_an_unknown_group_shows_the_whole_consultation(client, answered):
    page = client.get(f"/consultations/{answered}/results?group=999999").text
    assert "<h1>Results</h1>" in page


def test_results_wait_until_enough_pupils_have_answered(client, db, lead, questionnaires):
    consultation_id = create_consultation(db, lead, groups=())
    pupils_answer(db, questionnaires["primary"], consultation_id, None, [breakfast("yes")] * 3)
    page = client.get(f"/consultations/{consultation_id}/results").text
    assert "Fewer than 5 pupils have answered so far" in page
    assert "Do you have breakfast?" not in page


def test_results_of_a_consultation_nobody_has_joined_yet(client, db, lead):
    consultation_id = create_consultation(db, lead)
    assert client.get(f"/consultations/{consultation_id}/results").status_code == 200


# Pupils' own words


def test_own_words_are_listed_with_what_to_do_if_a_child_may_be_at_risk(client, db, answered, questionnaires):
    ids = group_ids(db, answered)
    words = {("better_day", "once"): "If there was food for tea."}
    pupils_answer(db, questionnaires["primary"], answered, ids["5 Oak"], [words])
    pupils_answer(
        db, questionnaires["primary"], answered, ids["Nurture"], [{("better_day", "once"): "More play."}]
    )
    page = client.get(f"/consultations/{answered}/comments").text
    assert "If a comment suggests a child may be at risk" in page
    assert "designated safeguarding lead the same day" in page
    assert "If there was food for tea." in page and "More play." in page
    # One group too small to report: a label on the others would name it, so no comment is labelled.
    assert "Group:" not in page and "Nurture" not in page


def test_own_words_of_small_groups_share_one_label_in_an_order_that_says_nothing_of_when(
    client, db, lead, questionnaires
):
    consultation_id = create_consultation(db, lead, groups=("5 Oak", "Nurture", "Elm"))
    ids = group_ids(db, consultation_id)
    primary = questionnaires["primary"]
    pupils_answer(db, primary, consultation_id, ids["5 Oak"], [{("better_day", "once"): "Zebras."}] * 5)
    pupils_answer(db, primary, consultation_id, ids["Nurture"], [{("better_day", "once"): "More play."}] * 3)
    pupils_answer(db, primary, consultation_id, ids["Elm"], [{("better_day", "once"): "A dog."}] * 2)
    page = client.get(f"/consultations/{consultation_id}/comments").text
    assert "Group: 5 Oak" in page and "Group: Other groups together" in page
    assert "Nurture" not in page and "Elm" not in page
    assert page.index("A dog.") < page.index("More play.") < page.index("Zebras.")
    assert "2 March 2026" in page and "10:12" not in page and "UTC" not in page


def breakfast_results(db, lead, primary, answers: list[dict], part="breakfast"):
    """A part of the results of a consultation without groups, these pupils having answered."""
    consultation = create_consultation(db, lead, groups=())
    pupils_answer(db, primary, consultation, None, answers)
    rows = store.tallies.consultation_answer_counts(db, consultation)
    results = build_results(primary, groups_of([], {None: len(answers)}, 5), rows, 5)
    return next(p for p in results.parts if p.part.id == part)


def test_a_weekend_not_known_is_never_read_as_a_school_day_nor_as_different(db, lead, questionnaires):
    """The one weekend rule (flow.weekend_like_a_school_day): "not sure" or a skipped "is the weekend
    different?" leaves the weekend unknown, as on a session's page and in a comparison. Read from the counts
    the results' tables are built from, before small numbers are protected."""
    part = breakfast_results(
        db,
        lead,
        questionnaires["primary"],
        [breakfast("yes", "no")] * 10  # like a school day
        + [breakfast("yes", "yes", "no")] * 10  # different: no breakfast at the weekend
        + [breakfast("no", "not_sure")] * 10
        + [breakfast("no", None)] * 10,  # the question skipped
    )
    school, weekend = next(q for q in part.questions if q.question.id == "had_breakfast").days

    def counts(day, *answers):
        return tuple(day.table.table.values[(answer, WHOLE)] for answer in answers)

    assert counts(school, "yes", "no", ANSWERED) == (20, 20, 40)  # every pupil's school day
    assert counts(weekend, "yes", "no", ANSWERED) == (0, 10, 10)  # only those who said it differs
    assert counts(part.weekend_differs, "yes", "no", "not_sure_or_not_saying", ANSWERED) == (
        10,
        10,
        10,
        30,
    )  # a skip is no answer; "not sure" counted with "I don't know" and "I'd rather not say"


def test_not_sure_dont_know_and_rather_not_say_are_one_row_in_results(db, lead, questionnaires):
    """Three small rows would each read "fewer than 5"; together they are a count, and fewer counts need hiding
    to protect them. The anonymous responses keep them apart."""
    part = breakfast_results(
        db,
        lead,
        questionnaires["primary"],
        [breakfast("yes", "no")] * 10
        + [breakfast("dont_know", "not_sure")] * 3
        + [breakfast("rather_not_say", "dont_know")] * 3
        + [breakfast("no", "rather_not_say")] * 5,
    )
    school = next(q for q in part.questions if q.question.id == "had_breakfast")
    assert [option.value for option in school.options][-1] == "not_sure_or_not_saying"
    assert not {"dont_know", "rather_not_say", "not_sure"} & {option.value for option in school.options}
    counted = school.days[0].table
    assert counted.whole("not_sure_or_not_saying").count == 6 and counted.whole("yes").count == 10
    assert part.weekend_differs.table.whole("not_sure_or_not_saying").count == 11


def feelings_at_school(db, lead, primary, counts: dict[str, int]):
    answers = [
        {("feeling_at_school", "once"): face} for face, pupils in counts.items() for _ in range(pupils)
    ]
    part = breakfast_results(db, lead, primary, answers, part="at_school")
    return next(q for q in part.questions if q.question.id == "feeling_at_school")


def test_answers_the_questionnaire_reports_together_are_one_row_where_one_alone_would_be_too_few(
    db, lead, questionnaires
):
    """3 pupils "very sad" would read "fewer than 5", and hide another count of the whole school with it;
    "Sad or very sad" is a count. Where every face has enough pupils, each has its own row."""
    few = feelings_at_school(
        db,
        lead,
        questionnaires["primary"],
        {"very_sad": 3, "sad": 8, "okay": 10, "happy": 20, "very_happy": 6},
    )
    assert [option.label for option in few.options] == [
        "Sad or very sad",
        "Okay",
        "Happy",
        "Very happy",
        "Not sure or not saying",
    ]
    table = few.days[0].table
    assert table.whole("sad_or_very_sad").count == 11 and table.answered().count == 47
    assert table.whole("okay").count == 10 and table.whole("happy").count == 20
    many = feelings_at_school(
        db,
        lead,
        questionnaires["primary"],
        {"very_sad": 5, "sad": 8, "okay": 10, "happy": 20, "very_happy": 6},
    )
    assert [option.value for option in many.options][:5] == ["very_sad", "sad", "okay", "happy", "very_happy"]
    assert many.days[0].table.whole("very_sad").count == 5

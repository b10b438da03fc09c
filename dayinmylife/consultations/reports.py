"""A consultation's results for its lead: counts per answer with small numbers suppressed, pupils' own words,
and the exports. The lead sees the group's answers, never one pupil's."""

import functools
import json

from flask import Blueprint, Response, abort, render_template, request, stream_with_context

from dayinmylife import audit, store
from dayinmylife.access import consultation_or_404, lead_required
from dayinmylife.consultations import counting, kept
from dayinmylife.consultations.exports import answer_rows, as_csv, group_labels, results_rows
from dayinmylife.consultations.levels import classes_within
from dayinmylife.consultations.results import (
    build_results,
    enough_pupils,
    groups_of,
    rows_for,
    share,
    weekend_rows,
)
from dayinmylife.consultations.suppression import WHOLE
from dayinmylife.questionnaires import questionnaire_of
from dayinmylife.store.db import get_db

bp = Blueprint("consultation_reports", __name__, url_prefix="/consultations")

COMMENTS_PER_PAGE = 100
MANY_GROUPS = 20  # more groups (a country's schools) are chosen from a list, not shown as buttons


def _groups(consultation: dict):
    """Its groups, or its schools, with their pupils."""
    return counting.groups(get_db(), consultation)


def _levels(consultation: dict, asked: str | None, every_column: bool = False):
    """The whole consultation's results (its groups or schools as columns); the group asked for, if reported;
    for a school with classes, its own results with its classes as columns and its numbers as the whole's
    page says them; and when they were counted, for a consultation counted ahead (all None: not counted yet;
    only the columns a page shows are read, or `every_column`)."""
    db, consultation_id, minimum = get_db(), consultation["id"], consultation["min_group_size"]
    questionnaire, counted = questionnaire_of(consultation), None
    if kept.counted_ahead(store.schools.school_count(db, consultation_id)):
        # A reported school's row is kept: read with the whole's, if asked for (a number SQLite can hold).
        asked_row = (int(asked),) if asked and asked.isdigit() and len(asked) < 19 else ()
        whole, counted = _kept(consultation_id, questionnaire, None if every_column else asked_row)
        group = whole and _chosen_column(whole, asked)
    else:
        whole = counting.whole_results(db, consultation)
        group = _chosen_column(whole, asked)
    classes = store.schools.classes_of(db, group.id) if group else []
    if not classes:
        return whole, group, None, counted
    sizes, rows = store.tallies.class_counts(db, consultation_id, group.id)
    own = build_results(questionnaire, groups_of(classes, sizes, minimum), rows, minimum, whole.together)
    return whole, group, classes_within(whole, group, own), counted


def _kept(consultation_id: int, questionnaire, columns: tuple[int, ...] | None):
    """Results as last counted, with these groups' columns (None: all), and when; (None, None) if never."""
    found = store.kept_results.kept(get_db(), consultation_id, columns)
    if found is None:
        return None, None
    counted, rows = found
    return kept.results_of(questionnaire, rows), counted


def _labels(consultation: dict, groups) -> dict[int | None, str] | None:
    """What a response's row says of its group (group_labels); across schools, a class's row says its school."""
    labels = group_labels(groups, consultation["min_group_size"])
    school_of = store.schools.school_of_each_class(get_db(), consultation["id"])
    if labels is None or not school_of:
        return labels
    return {**labels, **{group: labels[school] for group, school in school_of.items() if school in labels}}


def _chosen_column(results, asked: str | None):
    """The group the lead asked to see, if it is reported; else the whole consultation."""
    for group in results.reported:
        if results.has_groups and str(group.id) == asked:
            return group
    return None


@bp.get("/<int:consultation_id>/results")
@lead_required
def results(consultation_id: int):
    """Show counts and percentages per answer, school day beside weekend, for the whole or one group (across
    schools: one school, or one class of a school)."""
    consultation = consultation_or_404(consultation_id)
    found, group, school, counted = _levels(consultation, request.args.get("group"))
    chosen_class = _chosen_column(school, request.args.get("class")) if school else None
    return render_template(
        "consultations/results.html",
        consultation=consultation,
        questionnaire=questionnaire_of(consultation),
        results=found,
        counted=counted,
        group=group,
        school=school,
        chosen_class=chosen_class,
        shown=school if chosen_class else found,
        levels=store.schools.across_schools(get_db(), consultation_id),
        MANY_GROUPS=MANY_GROUPS,
        COUNTED_AHEAD_OVER=kept.COUNTED_AHEAD_OVER,
        column=(chosen_class or group).column if group else WHOLE,
        share=share,
        rows_for=rows_for,
        weekend_rows=weekend_rows,
    )


@bp.get("/<int:consultation_id>/comments")
@lead_required
def comments(consultation_id: int):
    """List pupils' own words in order of the words, with what to do if one suggests that a child may be at
    risk. Each says its group only as the anonymous answers would, and the day it was written, not the time."""
    consultation = consultation_or_404(consultation_id)
    questionnaire = questionnaire_of(consultation)
    question_ids = _own_words_questions(questionnaire)
    total = store.consultations.consultation_own_words_count(get_db(), consultation_id, question_ids)
    pages = max(1, -(-total // COMMENTS_PER_PAGE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    alerting = [f"{question.id} {value}" for question in questionnaire.questions for value in question.alert]
    rows = store.consultations.consultation_own_words(
        get_db(), consultation_id, question_ids, COMMENTS_PER_PAGE, (page - 1) * COMMENTS_PER_PAGE, alerting
    )
    labels = _labels(consultation, _groups(consultation)) or {}
    words = [{**row, "words": json.loads(row["value"]), "group": labels.get(row["group_id"])} for row in rows]
    return render_template(
        "consultations/comments.html",
        consultation=consultation,
        questionnaire=questionnaire,
        words=words,
        total=total,
        page=page,
        pages=pages,
    )


def _own_words_questions(questionnaire) -> list[str]:
    return [question.id for question in questionnaire.questions if question.free_text]


def _csv(rows, consultation: dict, what: str) -> Response:
    audit.record(get_db(), "consultation_exported", consultation=consultation["id"], what=what)
    filename = f"consultation-{consultation['id']}-{what}.csv"
    return Response(
        stream_with_context(as_csv(rows)),  # written as it is read: a national consultation's rows never held
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}", "Cache-Control": "no-store"},
    )


@bp.get("/<int:consultation_id>/results.csv")
@lead_required
def results_csv(consultation_id: int):
    """Download the results as shown, small numbers suppressed, as CSV: the whole consultation's, or one school's
    with its classes (`?group=`)."""
    consultation = consultation_or_404(consultation_id)
    found, group, school, _counted = _levels(consultation, request.args.get("group"), every_column=True)
    if found is None:
        abort(404)  # not counted yet: the results page says so
    if school is None:
        return _csv(list(results_rows(found)), consultation, "results")
    return _csv(list(results_rows(school, group.name)), consultation, f"results-school-{group.id}")


@bp.get("/<int:consultation_id>/anonymous-answers.csv")
@lead_required
def answers_csv(consultation_id: int):
    """Download the anonymous answers, one row per pupil in random order, for the lead's own analysis: only
    once the results show something, and never telling a small group or a few pupils' own words apart."""
    consultation = consultation_or_404(consultation_id)
    groups, minimum = _groups(consultation), consultation["min_group_size"]
    if not enough_pupils(groups, minimum):
        abort(404)
    questionnaire = questionnaire_of(consultation)
    writers = store.consultations.consultation_own_words_writers(
        get_db(), consultation_id, _own_words_questions(questionnaire)
    )
    db = get_db()
    ids = store.consultations.consultation_response_ids(db, consultation_id)
    read = functools.partial(store.consultations.consultation_responses, db, consultation_id)
    rows = answer_rows(questionnaire, ids, read, _labels(consultation, groups), writers)
    return _csv(rows, consultation, "anonymous-answers")

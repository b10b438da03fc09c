"""The partnership's impact report: a quarter across every team, against the quarter before, as charts with
tables and as CSV, in counts of children with small numbers suppressed (impact/figures.py). For
administrators and the accounts an administrator lets read it; every reading is audited."""

from datetime import timedelta

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _

from dayinmylife import audit, clock, store
from dayinmylife.access import impact_report_required
from dayinmylife.consultations.exports import as_csv, count_text, percent_text
from dayinmylife.consultations.suppression import WHOLE
from dayinmylife.impact import figures
from dayinmylife.impact.figures import ChildHeard, Quarter, Report, build_report, outcome_change, side_by_side
from dayinmylife.questionnaire.outcomes import MET, Outcome, outcome_status
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db
from dayinmylife.supervision.child_sessions import findings_of_sessions
from dayinmylife.vocabulary import AREA_NAMES

bp = Blueprint("impact", __name__, url_prefix="/impact")


@bp.get("")
@impact_report_required
def report():
    """The chosen quarter (this one unless asked) beside the one before, for all teams or one of them."""
    quarter = _quarter()
    this, before = _report(quarter), _report(quarter.previous)
    team = next((group for group in this.reported if team_slug(group) == request.args.get("team")), None)
    audit.record(get_db(), "impact_report_viewed", quarter=quarter.slug)
    return render_template(
        "impact/report.html",
        report=this,
        before=before,
        team=team,
        column=team.column if team else WHOLE,
        latest=Quarter.of(clock.today()),
        names=_names(),
        titles=_titles(),
        quarter_name=quarter_name,
        team_slug=team_slug,
        team_name=team_name,
        team_names=team_names,
        side_by_side=side_by_side,
    )


@bp.get("/report.csv")
@impact_report_required
def report_csv():
    """The quarter's figures as shown, for all teams and each team reported, as CSV."""
    quarter = _quarter()
    audit.record(get_db(), "impact_report_exported", quarter=quarter.slug)
    return Response(
        as_csv(_csv_rows(_report(quarter), _names())),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=impact-report-{quarter.slug}.csv",
            "Cache-Control": "no-store",
        },
    )


def team_slug(group) -> str:
    return "none" if group.id is None else str(group.id)


def team_name(group) -> str:
    return group.name or _("Children of no team")


def team_names(groups) -> str:
    return ", ".join(team_name(group) for group in groups)


def _quarter() -> Quarter:
    latest = Quarter.of(clock.today())
    asked = Quarter.parse(request.args.get("quarter"))
    return asked if asked and asked <= latest else latest


def _report(quarter: Quarter) -> Report:
    db, loaded = get_db(), all_questionnaires()
    rows = store.impact.children_heard(db, quarter.start.isoformat(), quarter.end.isoformat())
    found = findings_of_sessions(rows, loaded)
    changes = _outcome_changes([row["child_id"] for row in rows], quarter)
    children = [
        ChildHeard(
            row["team_id"],
            row["sessions"],
            bool(row["own_account"]),
            found.get(row["id"]),
            changes.get(row["child_id"]),
        )
        for row in rows
    ]
    parts = tuple(_weekend_parts({row["questionnaire_id"] for row in rows}))
    minimum = current_app.config["IMPACT_REPORT_MINIMUM"]
    return build_report(quarter, store.teams.all_teams(db), children, parts, minimum)


def _weekend_parts(used: set[str] | None = None) -> dict[str, str]:
    """Each part of the day that asks about the weekend in these questionnaires (else any): id -> its title,
    untranslated."""
    parts: dict[str, str] = {}
    for questionnaire in all_questionnaires().values():
        for part in questionnaire.parts if used is None or questionnaire.id in used else ():
            if part.asks_about_weekend:
                parts.setdefault(part.id, part.title)
    return parts


def _outcome_changes(child_ids: list[int], quarter: Quarter) -> dict[int, str]:
    """child id -> whether more, as many or fewer of their outcomes are met at their latest own session by the
    quarter's end than at their first, for children with outcomes and two sessions of their own."""
    db, loaded = get_db(), all_questionnaires()
    outcomes: dict[int, list[Outcome]] = {}
    for row in store.impact.outcomes_of_children(db, child_ids):
        outcomes.setdefault(row["child_id"], []).append(Outcome.from_row(row))
    sessions = store.impact.first_and_latest_own_sessions(db, list(outcomes), quarter.end.isoformat())
    compared = {
        child_id: pair
        for child_id, pair in sessions.items()
        if len(pair) == 2 and all(session["questionnaire_id"] in loaded for session in pair)
    }
    asked = {outcome.question_id for child_id in compared for outcome in outcomes[child_id]}
    gates = {part.weekend_question_id for q in loaded.values() for part in q.parts if part.asks_about_weekend}
    ids = [session["id"] for pair in compared.values() for session in pair]
    answers = store.sessions.answers_to_questions(db, ids, [*asked, *gates])

    def met(session) -> int:
        questionnaire = loaded[session["questionnaire_id"]]
        said = answers.get(session["id"], {})
        return sum(outcome_status(questionnaire, said, o) == MET for o in outcomes[session["child_id"]])

    return {
        child_id: outcome_change(met(first), met(latest)) for child_id, (first, latest) in compared.items()
    }


def _names() -> dict[str, dict]:
    """What a reader reads for each table's answers, in the page's language."""
    return {
        figures.HEARD: {
            figures.OWN_ACCOUNT: _("Heard in their own words"),
            figures.ADULTS_ONLY: _("Only adults' accounts"),
        },
        figures.SESSIONS: {
            figures.ONE: _("1 session"),
            figures.TWO: _("2 sessions"),
            figures.THREE_OR_MORE: _("3 or more sessions"),
        },
        figures.OUTCOMES: {
            figures.MORE_MET: _("More outcomes met than at first"),
            figures.AS_MANY_MET: _("As many met as at first"),
            figures.FEWER_MET: _("Fewer met than at first"),
        },
        figures.WEEKEND: {part: _(title) for part, title in _weekend_parts().items()},
        figures.WORTH_EXPLORING: {area: str(name) for area, name in AREA_NAMES.items()},
        figures.GOING_WELL: {area: str(name) for area, name in AREA_NAMES.items()},
    }


def _titles() -> dict[str, tuple[str, str]]:
    """Each table's title and what it counts."""
    latest = _("At each child's latest session in the quarter.")
    several = _("A child can count under more than one.")
    return {
        figures.HEARD: (
            _("Whose account"),
            _(
                "Children with at least one session in their own words, and those whose every session was an adult's account of their day."
            ),
        ),
        figures.SESSIONS: (_("Sessions each child had"), _("Finished sessions in the quarter.")),
        figures.OUTCOMES: (
            _("Agreed outcomes"),
            _(
                "Children with agreed outcomes and two sessions in their own words by the quarter's end: how many outcomes their latest session shows met, against their first."
            ),
        ),
        figures.WEEKEND: (
            _("Weekends different from school days"),
            f"{latest} {_('The parts of the day children said are different at the weekend.')} {several}",
        ),
        figures.WORTH_EXPLORING: (
            _("Areas of care worth exploring"),
            f"{latest} {_('The areas of care with at least one prompt worth exploring.')} {several}",
        ),
        figures.GOING_WELL: (
            _("Areas of care going well"),
            f"{latest} {_('The areas of care with at least one prompt going well.')} {several}",
        ),
    }


def quarter_name(quarter: Quarter) -> str:
    """A quarter as people say it: October to December 2026."""
    last = quarter.end - timedelta(days=1)
    return _(
        "%(first)s to %(last)s %(year)d",
        first=format_date(quarter.start, "LLLL"),
        last=format_date(last, "LLLL"),
        year=quarter.year,
    )


def _csv_rows(report: Report, names: dict):
    columns = [(WHOLE, _("All teams")), *((group.column, team_name(group)) for group in report.reported)]
    header = [_("Quarter"), _("Figure"), _("Answer")]
    for _column, name in columns:
        header += [_("%(team)s: children", team=name), _("%(team)s: per cent", team=name)]
    yield header
    heard = [report.quarter.slug, _("Children heard"), ""]
    for column, _name in columns:
        heard += [count_text(report.heard(column), report.minimum), ""]
    yield heard
    for name, (title, _hint) in _titles().items():
        for answer in report.tables[name].table.answers:
            row = [report.quarter.slug, title, names[name].get(answer, answer)]
            for column, _name in columns:
                cell, fraction = report.count(name, answer, column)
                row += [count_text(cell, report.minimum), percent_text(fraction)]
            yield row

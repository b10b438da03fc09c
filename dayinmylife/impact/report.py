"""The partnership's impact report: a quarter across every team, against the quarter before, as charts with
tables and as CSV, in counts of children with small numbers suppressed (impact/figures.py). For
administrators and the accounts an administrator lets read it; every reading is audited."""

from collections import Counter
from datetime import timedelta

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _

from dayinmylife import audit, clock, store
from dayinmylife.access import impact_report_required
from dayinmylife.consultations.exports import as_csv, count_text, percent_text
from dayinmylife.consultations.suppression import WHOLE
from dayinmylife.impact import figures
from dayinmylife.impact.figures import Count, Quarter, Report, build_report, outcome_change, side_by_side
from dayinmylife.questionnaire.findings import stamp
from dayinmylife.questionnaire.outcomes import MET, Outcome, outcome_status
from dayinmylife.questionnaires import all_questionnaires
from dayinmylife.store.db import get_db
from dayinmylife.supervision.child_sessions import keep_findings
from dayinmylife.vocabulary import AREA_NAMES

bp = Blueprint("impact", __name__, url_prefix="/impact")


@bp.get("")
@impact_report_required
def report():
    """The chosen quarter (the latest that is over unless asked) beside the one before, for all teams or one."""
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
        today=clock.today().isoformat(),
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
    """The quarter asked for, up to this one; else the latest that is over: a quarter still going on would
    seem to hear fewer children than the whole quarter before it."""
    this = Quarter.of(clock.today())
    asked = Quarter.parse(request.args.get("quarter"))
    return asked if asked and asked <= this else this.previous


def _report(quarter: Quarter) -> Report:
    """The quarter's report, worked out again only when what it counts may have changed since (versions kept
    by the database itself: a new session this quarter leaves the quarter before as it was)."""
    db, loaded = get_db(), all_questionnaires()
    stamps = [stamp(questionnaire) for questionnaire in loaded.values()]
    minimum = current_app.config["IMPACT_REPORT_MINIMUM"]
    version = (store.impact.report_version(db, quarter.slug), tuple(stamps), minimum)
    kept = current_app.extensions.setdefault("impact_reports", {})
    if quarter in kept and kept[quarter][0] == version:
        return kept[quarter][1]
    start, end = quarter.start.isoformat(), quarter.end.isoformat()
    keep_findings(store.impact.latest_sessions_not_counted(db, start, end, stamps), loaded)
    counts = store.impact.counts_of_children_heard(db, start, end, stamps)
    used = {answer for table, _team, answer, _children in counts if table == "questionnaire"}
    parts = tuple(_weekend_parts(used))
    teams = store.teams.all_teams(db)
    report = build_report(quarter, teams, [*counts, *_outcome_counts(quarter)], parts, minimum)
    kept[quarter] = (version, report)
    return report


def _weekend_parts(used: set[str] | None = None) -> dict[str, str]:
    """Each part of the day that asks about the weekend in these questionnaires (else any): id -> its title,
    untranslated."""
    parts: dict[str, str] = {}
    for questionnaire in all_questionnaires().values():
        for part in questionnaire.parts if used is None or questionnaire.id in used else ():
            if part.asks_about_weekend:
                parts.setdefault(part.id, part.title)
    return parts


def _outcome_counts(quarter: Quarter) -> list[Count]:
    """Per team, the children heard in the quarter with outcomes and two sessions of their own by its end,
    by whether more, as many or fewer outcomes are met at the latest than at the first."""
    db, loaded = get_db(), all_questionnaires()
    start, end = quarter.start.isoformat(), quarter.end.isoformat()
    outcomes: dict[int, list[Outcome]] = {}
    for row in store.impact.outcomes_of_children_heard(db, start, end):
        outcomes.setdefault(row["child_id"], []).append(Outcome.from_row(row))
    asked = {outcome.question_id for agreed in outcomes.values() for outcome in agreed}
    gates = {part.weekend_question_id for q in loaded.values() for part in q.parts if part.asks_about_weekend}
    sessions: dict[int, dict[str, tuple[str, dict]]] = {}
    teams: dict[int, int | None] = {}
    rows = store.impact.first_and_latest_own_answers(db, start, end, [*asked, *gates])
    for child_id, team_id, _session_id, which, questionnaire_id, question_id, day, answer in rows:
        teams[child_id] = team_id
        _questionnaire, answers = sessions.setdefault(child_id, {}).setdefault(which, (questionnaire_id, {}))
        if answer is not None:
            answers[(question_id, day)] = answer
    counted: Counter = Counter()
    for child_id, pair in sessions.items():
        if len(pair) == 2 and all(questionnaire_id in loaded for questionnaire_id, _ in pair.values()):
            met = [
                sum(outcome_status(loaded[qid], said, outcome) == MET for outcome in outcomes[child_id])
                for qid, said in (pair["first"], pair["latest"])
            ]
            counted[(teams[child_id], outcome_change(*met))] += 1
            counted[(teams[child_id], None)] += 1
    return [(figures.OUTCOMES, team, change, children) for (team, change), children in counted.items()]


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

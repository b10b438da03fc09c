"""The child's session: one question a page, saved as they go, then "here is your day" and thank you."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from flask import Blueprint, abort, current_app, g, make_response, redirect, render_template, request, url_for
from flask import session as cookie
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from dayinmylife import store
from dayinmylife.answering import grants
from dayinmylife.answering.question_cards import question_cards
from dayinmylife.answering.question_forms import QuestionForm, answer_from, answer_problem, question_form
from dayinmylife.answering.sorting_board import SORTED, board_answers, board_steps
from dayinmylife.notify.outbox import deliver_soon
from dayinmylife.questionnaire import flow
from dayinmylife.questionnaire.model import NOT_A_REAL_ANSWER, ONCE, SCHOOL, WEEKEND, Answer, Questionnaire
from dayinmylife.questionnaire.summary import day_summary
from dayinmylife.questionnaires import questionnaire_of
from dayinmylife.signin.signing_in import login_manager
from dayinmylife.store.db import get_db
from dayinmylife.vocabulary import DAY_OF_SLUG, SLUG_OF_DAY, known
from dayinmylife.web.sprites import use_question_sprites

bp = Blueprint("my_day", __name__, url_prefix="/day")


NOT_SAVED = _l(
    "Sorry, that did not save. Your answer is still here: wait a moment, then press the button again."
)


@dataclass
class Visit:
    """A session being answered: its row, its questionnaire and the answers so far."""

    session: dict
    questionnaire: Questionnaire
    answers: dict[tuple[str, str], Answer]
    access: str = grants.ANSWER
    _steps: list[flow.Step] | None = field(default=None, repr=False)

    @property
    def steps(self) -> list[flow.Step]:
        """What the questionnaire asks for the answers so far: worked out once until an answer changes."""
        if self._steps is None:
            answers = {key: answer.value for key, answer in self.answers.items()}
            self._steps = flow.steps(self.questionnaire, answers)
        return self._steps

    def answered(self, key: tuple[str, str], answer: Answer) -> None:
        """Take a new answer (before it is saved): what is asked may change with it."""
        self.answers[key] = answer
        self._steps = None

    def next_unanswered(self) -> flow.Step | None:
        return flow.first_unanswered(self.steps, set(self.answers))

    @property
    def privacy_audience(self) -> str:
        """Who the "who will see the answers" words speak to: age band, pupil, or the adult answering."""
        if self.session["consultation_id"]:
            return "pupil"
        if self.questionnaire.answered_by == "adult":
            return "baby"
        if self.questionnaire.id == "preschool":
            return "preschool"
        if self.session["account"] != "child":  # a parent's or the practitioner's own account
            return "adult"
        return "teenager" if self.questionnaire.id == "teenager" else "primary"


def _visit(session_id: int) -> Visit:
    """The session this browser asks for, if it may open it (and this page of it: see grants)."""
    row = store.sessions.session_by_id(get_db(), session_id)
    g.session_shown = row  # its language is the page's (web/page_language.py): no second query for it
    access = grants.access_to(row) if row is not None else None
    if access is None:
        if not current_user.is_authenticated and grants.locked_session() is None:
            abort(login_manager.unauthorized())
        abort(404)
    if access == grants.LINK_ENDED:  # the young person's own page, never the practitioners' sign-in
        abort(make_response(render_template("answer_links/not_working.html"), 404))
    if access == grants.SENT and request.endpoint not in grants.OPEN_ONCE_SENT:
        abort(redirect(url_for("my_day.sent", session_id=session_id)))
    questionnaire = questionnaire_of(row)
    return Visit(row, questionnaire, store.sessions.answers_of(get_db(), session_id), access)


def step_url(session_id: int, step: flow.Step | None, **query) -> str:
    """The address of a step, or of "here is your day" once every question is answered."""
    if step is None:
        return url_for("my_day.review", session_id=session_id)
    return url_for(
        "my_day.question",
        session_id=session_id,
        day_slug=SLUG_OF_DAY[step.day],
        question_id=step.question.id,
        **query,
    )


@bp.get("/<int:session_id>/")
def resume(session_id: int):
    """Start the session, or carry on at the first question not yet answered (after a short welcome back,
    when a young person opens their link to a session begun with their worker)."""
    visit = _visit(session_id)
    if visit.answers and not request.args.get("welcome"):
        return redirect(step_url(session_id, visit.next_unanswered()))
    return render_template(
        "my_day/start.html",
        visit=visit,
        first_url=step_url(session_id, visit.next_unanswered() if visit.answers else visit.steps[0]),
        messages=_messages_shown(visit.session),
    )


def _messages_shown(session: dict) -> list[dict]:
    """ "You said, we did" is for the child alone: never on a parent's or the practitioner's account."""
    if not session["child_id"] or session["account"] != "child":
        return []
    messages = store.casework.messages_for_child(get_db(), session)
    store.casework.mark_messages_seen(
        get_db(), [message["session_id"] for message in messages], session["id"]
    )
    return messages


@bp.get("/<int:session_id>/who-will-see-my-answers")
def who_will_see(session_id: int):
    """Say, for this age band, who will see the answers and why: before the first question, and from Help."""
    visit, back_url = _visit(session_id), _return_url(session_id)
    if visit.answers:
        onward, label = back_url, _("Go back to where I was")
    else:
        onward, label = step_url(session_id, visit.steps[0]), _("Start")
    return render_template(
        "my_day/who_will_see.html", visit=visit, onward=onward, onward_label=label, return_to=back_url
    )


@bp.post("/<int:session_id>/language")
def choose_language(session_id: int):
    """Let the child choose the language of their questions before they start; the page comes back in it."""
    visit = _visit(session_id)
    language = known(request.form.get("language"))
    if language and not visit.answers:  # own words are marked with the one language of their session
        store.sessions.set_session_language(get_db(), session_id, language)
        g.pop("session_shown", None)  # its row's language is no longer the session's
        if not current_user.is_authenticated:  # their own device: the rest of their visit speaks it too
            cookie["language"] = language
    return redirect(url_for("my_day.resume", session_id=session_id))


def _known_step(visit: Visit, day_slug: str, question_id: str) -> flow.Step:
    """Find the step a URL names, even if an earlier change means it is no longer asked."""
    day = DAY_OF_SLUG.get(day_slug)
    questionnaire = visit.questionnaire
    for part in questionnaire.parts:
        if part.weekend_question_id == question_id and day == ONCE and part.asks_about_weekend:
            return flow.Step(part, flow.weekend_question(questionnaire, part), ONCE)
    question = questionnaire.questions_by_id.get(question_id)
    allowed_days = question.day_kinds if question is not None else (SCHOOL, WEEKEND)
    if question is None or day not in allowed_days:
        abort(404)
    return flow.Step(questionnaire.part_of(question), question, day)


def _saved_form_data(step: flow.Step, saved: Answer | None) -> dict:
    if saved is None or saved.skipped:
        return {}
    field = "not_an_answer" if step.question.free_text and saved.value in NOT_A_REAL_ANSWER else "answer"
    return {field: saved.value, "source": saved.source, "shown_by": list(saved.shown_by)}


@bp.route("/<int:session_id>/<day_slug>/<question_id>", methods=["GET", "POST"])
def question(session_id: int, day_slug: str, question_id: str):
    """Ask one question; save the answer (or the skip) and move on only when the child presses a button."""
    visit = _visit(session_id)
    step = _known_step(visit, day_slug, question_id)
    extras = (visit.questionnaire.record_source and not step.is_weekend_question, _records_shown_by(visit))
    if request.method == "GET":
        saved = _saved_form_data(step, visit.answers.get(step.key))
        return _question_page(visit, step, question_form(step.question, *extras, data=saved))
    form = question_form(step.question, *extras, formdata=request.form)
    sorted_whole = step.question.board and request.form.get("board") == step.question.board.id
    given, problem = _board_given(form, visit, step) if sorted_whole else _answer_given(form, step)
    if problem is None and not all(_saved(visit, *answer) for answer in given):
        problem = NOT_SAVED  # the form comes back as the child filled it in: nothing they chose is lost
    if visit.access == grants.SAVE_ONLY:  # the practitioner's sign-in ended as this answer was sent
        return grants.give_device_back()
    if problem is not None:
        return _question_page(visit, step, form, problem), 503 if problem is NOT_SAVED else 400
    return _move_on(visit, given[-1][0])


def _records_shown_by(visit: Visit) -> bool:
    """Whether the practitioner sitting with the child says how the child showed each answer."""
    return visit.questionnaire.record_shown_by and visit.session["account"] == "child"


def _answer_given(form: QuestionForm, step: flow.Step) -> tuple[list[tuple], str | None]:
    """The (step, value, source, shown by) the form gives, where None is a skip; or the problem with it."""
    if request.form.get("action") == "skip":  # CSRFProtect has already checked the token
        return [(step, None, None, _shown_by(form))], None
    if not form.validate_on_submit():
        messages = [error for errors in form.errors.values() for error in errors]
        if messages:
            return [], messages[0]
    value = answer_from(form, step.question)
    problem = answer_problem(form, step.question, value)
    source = form.source.data if "source" in form and value not in NOT_A_REAL_ANSWER else None
    return [(step, value, source, _shown_by(form))], problem


def _board_given(form: QuestionForm, visit: Visit, step: flow.Step) -> tuple[list[tuple], str | None]:
    """Every picture of a board sorted on one page: each its own answer (left unsorted: skipped)."""
    if "shown_by" in form and not form.shown_by.validate(form):
        return [], form.shown_by.errors[0]
    skipped = request.form.get("action") == "skip"
    placed, problem = board_answers({} if skipped else request.form, board_steps(visit.steps, step))
    return [(item, value, None, _shown_by(form)) for item, value in placed.items()], problem


def _shown_by(form: QuestionForm) -> tuple[str, ...]:
    return tuple(dict.fromkeys(form.shown_by.data or ())) if "shown_by" in form else ()


def _saved(visit: Visit, step: flow.Step, value, source, shown_by=()) -> bool:
    """Save the answer (None: skipped); False when the database could not take it just now."""
    visit.answered(step.key, Answer(value, skipped=value is None, source=source, shown_by=shown_by))
    no_longer_asked = set(visit.answers) - {asked.key for asked in visit.steps}
    try:
        raised = store.sessions.save_answer(
            get_db(),
            visit.session["id"],
            step.question.id,
            step.day,
            value,
            source,
            no_longer_asked,
            step.question.alerting(value),
            shown_by=shown_by,
        )
    except sqlite3.OperationalError:  # locked too long, read-only, disk full
        current_app.logger.exception("An answer could not be saved")
        return False
    if raised:
        deliver_soon()  # the alert is saved with the answer; the e-mails go out after, never holding it up
    return True


def _move_on(visit: Visit, step: flow.Step):
    if request.args.get("change"):
        return redirect(url_for("my_day.review", session_id=visit.session["id"]))
    steps = visit.steps  # after this answer: a changed answer may mean some earlier ones are no longer asked
    following = flow.step_after(steps, step) if step in steps else visit.next_unanswered()
    return redirect(step_url(visit.session["id"], following))


def _question_page(visit: Visit, step: flow.Step, form: QuestionForm, problem=None):
    steps = visit.steps
    before = flow.step_before(steps, step) if step in steps else None
    back_url = (
        step_url(visit.session["id"], before)
        if before
        else url_for("my_day.resume", session_id=visit.session["id"])
    )
    if request.args.get("change"):
        back_url = url_for("my_day.review", session_id=visit.session["id"])
    use_question_sprites(visit.questionnaire, step.question)
    return render_template(
        "my_day/question.html",
        visit=visit,
        step=step,
        form=form,
        problem=problem,
        back_url=back_url,
        part_number=visit.questionnaire.parts.index(step.part) + 1,
        cards=question_cards(visit.questionnaire, step.question),
        board=_board(visit, step),
    )


def _board(visit: Visit, step: flow.Step) -> list[tuple[flow.Step, str | None]]:
    """A sorting board's pictures with the mat each was put on (None: still in the pile, or answered "I don't know"
    on its own page), for the page to sort them all at once where JavaScript runs; none where the child scans with
    a switch (one picture a page, as without JavaScript)."""
    if not step.question.board or visit.session["scan_every_ms"]:
        return []
    placed = [
        (item, getattr(visit.answers.get(item.key), "value", None)) for item in board_steps(visit.steps, step)
    ]
    return [(item, value if value in SORTED else None) for item, value in placed]


@bp.get("/<int:session_id>/review")
def review(session_id: int):
    """Show "here is your day", where any answer can be changed."""
    visit = _visit(session_id)
    return render_template(
        "my_day/review.html",
        visit=visit,
        summary=day_summary(visit.questionnaire, visit.answers),
        unanswered=visit.next_unanswered(),
        left=flow.left_to_answer(visit.steps, set(visit.answers)),
        weekend_questions={
            part.id: flow.weekend_question(visit.questionnaire, part) for part in visit.questionnaire.parts
        },
    )


@bp.post("/<int:session_id>/finish")
def finish(session_id: int):
    """Mark the session finished (the answers are already saved) and say thank you."""
    visit = _visit(session_id)
    store.sessions.finish_session(get_db(), visit.session["id"])
    return redirect(url_for("my_day.thanks", session_id=session_id))


@bp.get("/<int:session_id>/thanks")
def thanks(session_id: int):
    """Thank the child, say who will see the answers and how to get help."""
    raised_alert = store.alerts.raised_in(get_db(), session_id)
    return render_template("my_day/thanks.html", visit=_visit(session_id), raised_alert=raised_alert)


@bp.get("/<int:session_id>/sent")
def sent(session_id: int):
    """Say that these answers have been sent, so they can no longer be opened or changed on this device."""
    visit = _visit(session_id)
    if visit.session["status"] != "finished":
        return redirect(url_for("my_day.resume", session_id=session_id))
    return render_template("my_day/sent.html", visit=visit)


@bp.get("/<int:session_id>/help")
def help(session_id: int):
    """Tell the child how to get help, whatever page they are on."""
    return render_template("my_day/help.html", visit=_visit(session_id), return_to=_return_url(session_id))


@bp.get("/<int:session_id>/stop")
def stop(session_id: int):
    """Let the child stop: everything is saved; they hand the device back."""
    return render_template("my_day/stop.html", visit=_visit(session_id), return_to=_return_url(session_id))


def _return_url(session_id: int) -> str:
    # Only return to a page of this same session.
    target = request.args.get("from", "")
    prefix = url_for("my_day.resume", session_id=session_id)
    return target if target.startswith(prefix) and "//" not in target else prefix

"""Pupils joining a school consultation: type the code (or scan it), choose a group, then answer in the child's
own question pages (my_day), anonymously. Nothing about the pupil or their device is stored.

Limits count per browser session or per consultation, never per address: a whole school shares one public
address. At most as many pupils as a consultation takes answers (store.consultations.joins_a_minute) start answering
it in a minute, counted in the database so that every worker process keeps to it.
"""

from flask import Blueprint, redirect, render_template, request, url_for
from flask import session as cookie
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from dayinmylife import clock, store
from dayinmylife.answering import grants
from dayinmylife.consultations.codes import normalise_code, status_on
from dayinmylife.consultations.forms import CodeForm, StartForm
from dayinmylife.questionnaires import questionnaire_of
from dayinmylife.store.db import get_db

bp = Blueprint("join", __name__, url_prefix="/join")

WRONG_CODES_ALLOWED = 10
WAIT_AFTER_WRONG_CODES = 60  # seconds

NOT_OPEN = _l(
    "That code is not open for answers. Check it with your teacher: it may be typed wrong, "
    "or the survey may not be open today."
)
TOO_MANY_TRIES = _l("That is a lot of tries. Wait a minute, then type the code again.")
FULL = _l("This survey has all the answers it can take. Thank you for wanting to help!")
BUSY = _l("Lots of people are joining right now. Wait a minute, then try again.")


def _wrong_tries() -> dict:
    return cookie.get("wrong_codes", {"count": 0, "last": 0})


def _waiting() -> bool:
    """Whether this browser must wait after too many wrong codes (the count starts again after the wait)."""
    tries = _wrong_tries()
    if tries["count"] < WRONG_CODES_ALLOWED:
        return False
    if clock.epoch() - tries["last"] >= WAIT_AFTER_WRONG_CODES:
        cookie.pop("wrong_codes")
        return False
    return True


def _count_wrong_try() -> None:
    tries = _wrong_tries()
    cookie["wrong_codes"] = {"count": tries["count"] + 1, "last": clock.epoch()}


def _open_consultation(typed: str) -> tuple[dict, dict | None] | None:
    """The consultation a code opens today and the school whose code it is, or None: unknown, closed and not
    yet open all look the same."""
    opened = store.schools.opened_by_code(get_db(), normalise_code(typed))
    if opened is None or status_on(opened[0]) != "open":
        _count_wrong_try()
        return None
    return opened


def _unfinished_response(consultation: dict) -> dict | None:
    session_id = grants.pupil_response(consultation["id"])
    row = store.sessions.session_by_id(get_db(), session_id) if session_id else None
    if row is None or row["consultation_id"] != consultation["id"] or row["status"] == "finished":
        return None
    return row


@bp.route("/", methods=["GET", "POST"])
def enter_code():
    """Let a pupil type the code their teacher gave them, or arrive with it from the QR code."""
    arrived_with_code = request.method == "GET" and "code" in request.args
    # From the QR code the code comes in the address, on a GET: nothing is changed but this browser's count.
    form = CodeForm(formdata=request.args, meta={"csrf": False}) if arrived_with_code else CodeForm()
    problem, status = None, 200
    if arrived_with_code or form.is_submitted():
        if _waiting():
            problem, status = TOO_MANY_TRIES, 429
        elif form.validate():
            opened = _open_consultation(form.code.data)
            if opened is not None:
                cookie["joining"], school = opened[0]["id"], opened[1]
                cookie["joining_school"] = school["id"] if school else None
                return redirect(url_for("join.start"))
            problem, status = NOT_OPEN, 400
        else:
            status = 400
    return render_template("join/code.html", form=form, problem=problem), status


def _joining() -> tuple[dict, dict | None] | None:
    """The open consultation this browser is joining, and its school if it came with a school's code."""
    consultation_id, school_id = cookie.get("joining"), cookie.get("joining_school")
    consultation = (
        store.consultations.consultation_by_id(get_db(), consultation_id) if consultation_id else None
    )
    if consultation is None or status_on(consultation) != "open":
        return None
    school = store.schools.school(get_db(), consultation_id, school_id) if school_id else None
    return consultation, school


@bp.route("/start", methods=["GET", "POST"])
def start():
    """Carry on this browser's answers, or start new ones: choosing a group (a school's class) first if there
    are groups."""
    joining = _joining()
    if joining is None:
        return redirect(url_for("join.enter_code"))
    consultation, school = joining
    if school is not None:
        groups = store.schools.classes_of(get_db(), school["id"])
    else:
        groups = store.consultations.consultation_groups(get_db(), consultation["id"])
    form = StartForm()
    form.group.choices = [(str(group["id"]), group["name"]) for group in groups]
    unfinished = _unfinished_response(consultation)
    if form.validate_on_submit():
        if request.form.get("action") == "carry_on" and unfinished:
            grants.let_pupil_answer(consultation["id"], unfinished["id"])
            return redirect(url_for("my_day.resume", session_id=unfinished["id"]))
        chosen = next((group for group in groups if str(group["id"]) == form.group.data), school)
        if groups and chosen is school:
            form.group.errors = [_l("Choose your group, then press the button.")]
        else:
            return _start_response(consultation, chosen)
    return render_template(
        "join/start.html",
        form=form,
        consultation=consultation,
        school=school,
        groups=groups,
        unfinished=unfinished,
    ), 400 if form.errors else 200


def _start_response(consultation: dict, group: dict | None):
    questionnaire = questionnaire_of(consultation)
    session_id = store.consultations.start_consultation_response(
        get_db(), consultation, questionnaire, group["id"] if group else None, str(get_locale())
    )
    if session_id == store.consultations.FULL:
        return render_template("join/code.html", form=CodeForm(), problem=FULL), 403
    if session_id == store.consultations.BUSY:
        return render_template("join/code.html", form=CodeForm(), problem=BUSY), 429
    grants.let_pupil_answer(consultation["id"], session_id)
    return redirect(url_for("my_day.resume", session_id=session_id))


@bp.post("/someone-else")
def someone_else():
    """Forget this browser's answers to the consultation, so the next pupil on the device starts afresh."""
    consultation_id = cookie.get("joining")
    if consultation_id is not None:
        grants.forget(grants.pupil_response(consultation_id))
    return redirect(url_for("join.enter_code"))

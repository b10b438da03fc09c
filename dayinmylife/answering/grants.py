"""What this browser may answer: the one place that decides which sessions a browser may open, and how far.

A session is answered in one of four ways, each held differently:

- a practitioner signed in who may see the child (their own device, for a parent's or their own account);
- **child mode**: the practitioner's signed-in device handed to the child, locked to one session until the
  practitioner unlocks it (the cookie's `child_mode`);
- **a pupil** in a school consultation: this browser started the response after the code (`grants`);
- **a young person's own link**: this phone used the one-time link (`grants`, with the link's id).

The rules, for every one of them:

- An unfinished session opens whole. Once it is finished its answers are sent: from then on this browser
  may show only the pages that show no answers (thank you, help, stop, who will see) and "your answers have
  been sent"; nothing can change them. (A practitioner reads a finished session on their own pages.)
- A browser holds at most one pupil response per consultation: starting another forgets the one before, so
  the next pupil on a class tablet can never reach earlier pupils' answers, however they arrive.
- A link opens its session only while the link is neither revoked nor expired, on the phone that used it.
- Child mode lasts while the practitioner who handed the device over is signed in and may see the child.
  When their sign-in ends (timed out, signed out elsewhere, password or role changed, account disabled) the
  answer the child is sending is still saved, then the device asks for the practitioner (see `child_mode`).
"""

from __future__ import annotations

from flask import current_app, flash, g, redirect, request, url_for
from flask import session as cookie
from flask_babel import gettext as _
from flask_login import current_user

from dayinmylife import access, clock, store
from dayinmylife.store.db import get_db

ANSWER, SENT, LINK_ENDED, SAVE_ONLY = "answer", "sent", "link_ended", "save_only"
# The pages a browser may still show once the answers are sent: none of them shows an answer.
SHOWS_NO_ANSWERS = {"my_day.thanks", "my_day.help", "my_day.stop", "my_day.who_will_see", "my_day.sent"}
# Pressing "finish" twice lands on thank you again, never on an error.
OPEN_ONCE_SENT = SHOWS_NO_ANSWERS | {"my_day.finish"}
MOST_GRANTS = 20


# Child mode


def lock_to(session_id: int) -> None:
    """Hand the device over: from now on only this session's pages open until the practitioner unlocks it."""
    cookie["child_mode"] = session_id


def locked_session() -> int | None:
    """The session a handed-over device is locked to, or None."""
    return cookie.get("child_mode")


def unlock() -> None:
    cookie.pop("child_mode", None)


def give_device_back():
    """End child mode after the practitioner's sign-in ended: tell the child, then ask for the practitioner."""
    cookie.clear()
    flash(_("Your answers are saved. Please give the device back to your worker, so they can sign in again."))
    return redirect(url_for("auth.sign_in"))


def child_mode_ended() -> bool:
    """Tell whether this device is locked to a child's session but the practitioner's sign-in has ended."""
    locked = locked_session()
    if locked is None:
        return False
    if "child_mode_holder" not in g:
        row = store.sessions.session_by_id(get_db(), locked)
        g.child_mode_holder = row is not None and _practitioner_may_see(row)
    return not g.child_mode_holder


def answer_in_flight(session_id: int) -> bool:
    """Tell whether this request is the child sending an answer just as the practitioner's sign-in ended.

    Only a question's form sent soon after the device was last used counts, so an old copy of the cookie
    cannot be used to write answers for long after the practitioner signed out.
    """
    recent = clock.epoch() - cookie.get("last_seen", 0) <= current_app.config["SESSION_IDLE_MINUTES"] * 60
    return (
        request.method == "POST"
        and request.endpoint == "my_day.question"
        and locked_session() == session_id
        and recent
    )


# Pupils and young people's own links


def _grants() -> dict:
    held = cookie.get("grants")
    return held if isinstance(held, dict) else {}


def _keep(grants: dict) -> None:
    cookie["grants"] = dict(list(grants.items())[-MOST_GRANTS:])


def let_pupil_answer(consultation_id: int, session_id: int) -> None:
    """Let this browser answer a pupil's response, forgetting any earlier response to the same consultation."""
    kept = {key: grant for key, grant in _grants().items() if grant.get("consultation") != consultation_id}
    _keep({**kept, str(session_id): {"consultation": consultation_id}})


def let_link_answer(session_id: int, link_id: int) -> None:
    """Let the phone that used a young person's link answer that session (while the link lasts)."""
    _keep({**_grants(), str(session_id): {"link": link_id}})


def pupil_response(consultation_id: int) -> int | None:
    """The response this browser is answering for a consultation, if any."""
    for key, grant in _grants().items():
        if grant.get("consultation") == consultation_id:
            return int(key)
    return None


def forget(session_id: int | None) -> None:
    """Stop this browser opening a session (the next pupil on the device starts afresh)."""
    if session_id is not None:
        _keep({key: grant for key, grant in _grants().items() if key != str(session_id)})


def used_link_here(link: dict) -> bool:
    """Tell whether this phone used the link before (opening it again carries on, unless it was revoked)."""
    held = _grants().get(str(link["session_id"]), {})
    return held.get("link") == link["id"] and link["revoked_at"] is None


# The one decision


def access_to(row: dict) -> str | None:
    """How far this browser may open a session: ANSWER, SENT, SAVE_ONLY, LINK_ENDED, or None (not at all)."""
    finished = row["status"] == "finished"
    locked = locked_session()
    if locked is not None:
        if locked != row["id"]:
            return None
        if child_mode_ended():
            return SAVE_ONLY if answer_in_flight(row["id"]) and not finished else None
        return SENT if finished else ANSWER
    grant = _grants().get(str(row["id"]))
    if grant is not None:
        if "link" in grant and not _link_still_works(grant["link"]):
            return LINK_ENDED
        return SENT if finished else ANSWER
    if _practitioner_may_see(row):
        return SENT if finished else ANSWER
    return None


def _link_still_works(link_id: int) -> bool:
    link = store.sessions.answer_link_by_id(get_db(), link_id)
    return link is not None and link["revoked_at"] is None and link["expires_at"] > clock.now_iso()


def _practitioner_may_see(row: dict) -> bool:
    return access.may_see_child(current_user, row["child_id"])

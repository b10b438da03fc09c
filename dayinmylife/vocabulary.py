"""The product's closed sets and what people read for them: languages, roles, whose account of a day, the kinds
of day and the audit log's events. Templates reach them as `vocabulary`."""

from flask_babel import lazy_gettext as _l

from dayinmylife.questionnaire.model import ONCE, SCHOOL, WEEKEND

# Each language in its own name, as a person looking for it would recognise it.
LANGUAGES = {"en": "English", "cy": "Cymraeg", "pl": "Polski", "ur": "اردو"}
RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"}
DEFAULT_LANGUAGE = "en"


def known(language: str | None) -> str | None:
    """Return the language if the app speaks it, else None."""
    return language if language in LANGUAGES else None


# Roles, as an administrator gives them.
ROLES = {
    "practitioner": _l("Practitioner"),
    "manager": _l("Team manager"),
    "consultation_lead": _l("Consultation lead"),
    "administrator": _l("Administrator"),
}
# The roles that work with children and so may open a child's record (a manager, who oversees a team's
# caseloads, will be another). Read on every request from the account, so a change of role applies at once.
HOLDS_CASELOAD = frozenset({"practitioner"})
OVERSEES_TEAMS = frozenset({"manager"})  # reads the children of their teams' practitioners, changes none
READS_CHILDREN = HOLDS_CASELOAD | OVERSEES_TEAMS
RUNS_CONSULTATIONS = ("consultation_lead", "administrator")
HOME = {
    "consultation_lead": "consultations.index",
    "administrator": "account_admin.index",
    "manager": "teams.index",
}  # else the caseload

# Whose account of the child's day a session holds.
ACCOUNT_NAMES = {
    "child": _l("The child's own account"),
    "parent_carer": _l("A parent's or carer's account"),
    "practitioner": _l("My own observation"),
}
CHILDS_OWN = "child"  # the account a comparison over months follows unless told otherwise
# The "child's own account" of a questionnaire an adult answers (the baby's): observed, and told by the carer.
OBSERVED_WITH_CARER = _l("Observation, with what the parent or carer told")

# How a child showed an answer, as the practitioner sitting with them records it (questionnaire model.SHOWN_BY).
SHOWN_BY_NAMES = {
    "pointed": _l("Pointed or touched"),
    "eye_gaze": _l("Eye gaze"),
    "sign": _l("Sign or symbol"),
    "vocalised": _l("Sounds or vocalising"),
    "behaviour": _l("Behaviour or body language"),
    "words": _l("Said or typed it"),
}
# The paces of switch scanning a practitioner can set for a session: milliseconds on each choice.
SCAN_PACES = {
    1000: _l("1 second on each choice"),
    1500: _l("1.5 seconds on each choice"),
    2000: _l("2 seconds on each choice"),
    3000: _l("3 seconds on each choice"),
    5000: _l("5 seconds on each choice"),
}

# What was done about an alert, as whoever acknowledges it says.
ALERT_ACTIONS = {
    "talked_with_child": _l("Talked with the child"),
    "contacted_family": _l("Contacted the family"),
    "strategy_discussion": _l("Strategy discussion"),
    "referral": _l("Referral made"),
    "no_action": _l("No action needed (say why)"),
}

# The kinds of entry in a child's chronology (casework/timeline.py), in the order they are offered.
CHRONOLOGY_KINDS = {
    "session": _l("Sessions"),
    "event": _l("Significant events"),
    "alert": _l("Alerts"),
    "outcome": _l("Outcomes agreed"),
    "message": _l("“You said, we did”"),
    "supervision": _l("Supervision"),
    "care_team": _l("Who works with the child"),
    "next_session": _l("Next session due"),
}

# The areas of care a questionnaire's prompts belong to (questionnaire/model.py AREAS_OF_CARE).
AREA_NAMES = {
    "basic_care": _l("Basic care"),
    "ensuring_safety": _l("Ensuring safety"),
    "emotional_warmth": _l("Emotional warmth"),
    "stimulation": _l("Stimulation"),
    "guidance_and_boundaries": _l("Guidance and boundaries"),
    "stability": _l("Stability"),
}

# The kinds of day, as a question page's address and as a reader sees them.
DAY_OF_SLUG = {"school-day": SCHOOL, "weekend": WEEKEND, "any-day": ONCE}
SLUG_OF_DAY = {day: slug for slug, day in DAY_OF_SLUG.items()}
DAY_NAMES = {SCHOOL: _l("school day"), WEEKEND: _l("weekend"), ONCE: _l("any day")}

# Every event the app records, with what an administrator reads for it (in their language).
AUDIT_EVENTS = {
    "signed_in": _l("Signed in"),
    "sign_in_failed": _l("Sign-in failed"),
    "signed_out": _l("Signed out"),
    "second_step_failed": _l("Sign-in failed at the second step (code from the app or recovery code)"),
    "single_sign_on_failed": _l("Sign-in with the organisation's account refused"),
    "single_sign_on_matched": _l("Account matched to the organisation's account"),
    "single_sign_on_changed": _l("Sign-in with the organisation's account changed by an administrator"),
    "two_factor_set_up": _l("Two-step sign-in set up"),
    "two_factor_turned_off": _l("Two-step sign-in turned off"),
    "recovery_codes_renewed": _l("New recovery codes made"),
    "two_factor_reset": _l("Two-step sign-in reset by an administrator"),
    "two_factor_requirement_changed": _l("Two-step sign-in required for everyone, or no longer"),
    "access_refused": _l("Access refused"),
    "child_added": _l("Child added"),
    "child_viewed": _l("Child's record viewed"),
    "session_viewed": _l("Session viewed"),
    "record_printed": _l("Record opened for printing"),
    "record_downloaded": _l("Record downloaded as PDF"),
    "child_exported": _l("Child's record exported"),
    "child_erased": _l("Child's record erased"),
    "note_added": _l("Note added"),
    "outcome_added": _l("Outcome added"),
    "records_expired": _l("Records deleted under the retention period"),
    "consultation_answers_expired": _l("A consultation's answers deleted under the retention period"),
    "consultation_created": _l("Consultation created"),
    "consultation_changed": _l("Consultation's title, dates or cap changed"),
    "consultation_closed": _l("Consultation closed early"),
    "consultation_reopened": _l("Consultation opened again"),
    "consultation_deleted": _l("Consultation deleted with its answers"),
    "consultation_exported": _l("Consultation's results or anonymous answers exported"),
    "answer_link_created": _l("Own-phone link to a session created"),
    "answer_link_revoked": _l("Own-phone link revoked"),
    "answer_link_used": _l("Own-phone link used to open a session"),
    "account_created": _l("Account created"),
    "account_disabled": _l("Account disabled"),
    "account_enabled": _l("Account enabled again"),
    "password_reset": _l("Password reset by an administrator"),
    "role_changed": _l("Role changed"),
    "team_member_added": _l("Practitioner added to a child's team"),
    "team_member_removed": _l("Practitioner removed from a child's team"),
    "caseload_passed_on": _l("Child moved to another practitioner's caseload"),
    "team_created": _l("Team created"),
    "expected_sessions_changed": _l("Sessions expected of each practitioner in a quarter changed"),
    "supervision_note_added": _l("Supervision discussion written down"),
    "supervision_decisions_done": _l("Supervision decisions marked done"),
    "alert_acknowledged": _l("Alert acknowledged"),
    "chronology_viewed": _l("Chronology viewed"),
    "chronology_exported": _l("Chronology downloaded (CSV)"),
    "significant_event_added": _l("Significant event added to a chronology"),
    "impact_report_granted": _l("Allowed to read the partnership's impact report"),
    "impact_report_withdrawn": _l("No longer allowed to read the partnership's impact report"),
    "impact_report_viewed": _l("Partnership's impact report read"),
    "impact_report_exported": _l("Partnership's impact report downloaded (CSV)"),
    "team_member_joined": _l("Practitioner or manager put in a team"),
    "team_member_left": _l("Practitioner or manager taken out of a team"),
    "child_edited": _l("Child's details corrected"),
    "session_started": _l("Session started"),
    "session_removed": _l("Session started by mistake removed"),
    "next_session_set": _l("Next session date set"),
    "message_to_child_written": _l("“You said, we did” written"),
    "child_mode_unlocked": _l("Device taken back from child mode"),
    "child_mode_unlock_failed": _l("Wrong password to take a device back from child mode"),
}

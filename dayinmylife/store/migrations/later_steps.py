"""Later schema steps: the second step at sign-in, own-phone links, corrections, limits. Full: the next step goes
at the end of `recent_steps.py`."""

import json

from dayinmylife.store.migrations.first_steps import run_script


def m010_two_factor(db):
    # An authenticator app's secret per account, and single-use recovery codes kept only as hashes.
    run_script(
        db,
        """
        ALTER TABLE users ADD COLUMN totp_secret TEXT;
        ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
        CREATE TABLE recovery_codes (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            code_hash TEXT NOT NULL,
            used_at TEXT
        );
        CREATE INDEX recovery_codes_by_user ON recovery_codes(user_id);
        CREATE TABLE app_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """,
    )


def m011_answer_links(db):
    # A teenager's own link to one session: only the token's SHA-256 is kept, so the table cannot sign anyone in.
    run_script(
        db,
        """
        CREATE TABLE answer_links (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE,
            created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT,
            revoked_at TEXT
        );
        CREATE INDEX answer_links_by_session ON answer_links(session_id)
        """,
    )


def m012_answers_no_longer_asked(db):
    """Mark an answer the flow no longer asks (the child changed an earlier answer) and leave it uncounted.

    The answer is kept, so changing back brings it back; consultation tallies count only asked answers.
    Answers saved before this step count as asked until their session's next save.
    """
    db.execute("ALTER TABLE answers ADD COLUMN asked INTEGER NOT NULL DEFAULT 1")
    for trigger in ("added", "changed", "removed"):
        db.execute(f"DROP TRIGGER consultation_tally_answer_{trigger}")
    count_in = """
        INSERT INTO consultation_tallies (consultation_id, question_id, day, value, group_key, pupils)
        SELECT consultation_id, NEW.question_id, NEW.day, COALESCE(NEW.value, ''),
               COALESCE(consultation_group_id, 0), 1
        FROM sessions WHERE id = NEW.session_id AND consultation_id IS NOT NULL AND NEW.asked
        ON CONFLICT (consultation_id, question_id, day, value, group_key) DO UPDATE SET pupils = pupils + 1;
    """
    count_out = """
        UPDATE consultation_tallies SET pupils = pupils - 1
        WHERE OLD.asked AND (consultation_id, group_key) = (
                SELECT consultation_id, COALESCE(consultation_group_id, 0) FROM sessions WHERE id = OLD.session_id
              )
          AND question_id = OLD.question_id AND day = OLD.day AND value = COALESCE(OLD.value, '');
    """
    db.execute(f"CREATE TRIGGER consultation_tally_answer_added AFTER INSERT ON answers BEGIN {count_in} END")
    db.execute(
        "CREATE TRIGGER consultation_tally_answer_changed AFTER UPDATE OF value, asked ON answers "
        f"WHEN OLD.value IS NOT NEW.value OR OLD.asked IS NOT NEW.asked BEGIN {count_out} {count_in} END"
    )
    db.execute(
        f"CREATE TRIGGER consultation_tally_answer_removed AFTER DELETE ON answers BEGIN {count_out} END"
    )


def m013_messages_seen(db):
    """Record when (and in which session) the child saw a "you said, we did", so it is shown once."""
    db.execute("ALTER TABLE messages_to_child ADD COLUMN seen_in_session INTEGER")
    db.execute("ALTER TABLE messages_to_child ADD COLUMN seen_at TEXT")


def m014_pending_two_factor_secret(db):
    """Keep the secret of an authenticator app being added on the server, never in the browser's cookie."""
    db.execute("ALTER TABLE users ADD COLUMN pending_totp_secret TEXT")


def m015_each_choice_once(db):
    """Repair pick-several answers stored with a choice repeated (a script could send one 10,000 times).

    Rewriting the value runs the tally triggers, so consultation counts follow the repaired answers.
    """
    rows = db.execute(
        "SELECT session_id, question_id, day, value FROM answers WHERE value LIKE '[%'"
    ).fetchall()
    for session_id, question_id, day, stored in rows:
        value = json.loads(stored)
        once = list(dict.fromkeys(value))
        if len(once) != len(value):
            db.execute(
                "UPDATE answers SET value = ? WHERE session_id = ? AND question_id = ? AND day = ?",
                (json.dumps(once, ensure_ascii=False), session_id, question_id, day),
            )


def m016_child_corrections(db):
    """Keep what a child's details were before a practitioner corrected them, with the child's record (so
    erasing the child erases these too; the audit log keeps only that a correction happened)."""
    run_script(
        db,
        """
        CREATE TABLE child_corrections (
            id INTEGER PRIMARY KEY,
            child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
            field TEXT NOT NULL CHECK (field IN ('display_name', 'date_of_birth', 'case_reference')),
            old_value TEXT,
            new_value TEXT,
            corrected_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            corrected_at TEXT NOT NULL
        );
        CREATE INDEX child_corrections_by_child ON child_corrections(child_id)
        """,
    )


def m017_consultation_limit_hits(db):
    # Each time a pupil was asked to wait because too many joined one consultation in a minute.
    run_script(
        db,
        """
        CREATE TABLE consultation_limit_hits (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            hit_at TEXT NOT NULL
        );
        CREATE INDEX consultation_limit_hits_by_consultation ON consultation_limit_hits(consultation_id, hit_at);
        CREATE INDEX sessions_by_consultation_start ON sessions(consultation_id, started_at)
        """,
    )


def m018_forget_what_failed_sign_ins_typed(db):
    """Failed sign-ins are now counted under a keyed hash of the e-mail typed; forget the ones kept as typed
    (a password typed into the e-mail box, perhaps). They were at most a day old and only throttled."""
    db.execute("DELETE FROM sign_in_failures")


def m019_teams(db):
    """Teams: practitioners (each in one team at most) and the manager or managers who oversee them."""
    run_script(
        db,
        """
        CREATE TABLE teams (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE team_members (
            team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            manages INTEGER NOT NULL DEFAULT 0 CHECK (manages IN (0, 1)),
            PRIMARY KEY (team_id, user_id)
        );
        CREATE UNIQUE INDEX team_members_one_team_each ON team_members(user_id) WHERE manages = 0;
        CREATE INDEX team_members_by_user ON team_members(user_id, manages)
        """,
    )


def m020_supervision_notes(db):
    """A manager's note of a supervision discussion about a child: what was discussed, the decisions and by
    when, and when the decisions were done."""
    run_script(
        db,
        """
        CREATE TABLE supervision_notes (
            id INTEGER PRIMARY KEY,
            child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
            written_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            discussed_on TEXT NOT NULL,
            discussion TEXT NOT NULL,
            decisions TEXT,
            decisions_due_on TEXT,
            done_at TEXT,
            written_at TEXT NOT NULL
        );
        CREATE INDEX supervision_notes_by_child ON supervision_notes(child_id, discussed_on)
        """,
    )


def m023_session_findings(db):
    """What each finished session found (questionnaire/findings.py), worked out once and kept, with the stamp
    of the rules and questionnaire it was worked out with; deleted with the session, as its answers are."""
    run_script(
        db,
        """
        CREATE TABLE session_findings (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            stamp TEXT NOT NULL,
            findings TEXT NOT NULL
        )
        """,
    )


def m024_impact_report_readers(db):
    """Accounts an administrator lets read the partnership's impact report (administrators always may)."""
    db.execute("ALTER TABLE users ADD COLUMN reads_impact_report INTEGER NOT NULL DEFAULT 0")


def m025_findings_counted(db):
    """Beside each session's findings, the little of them the partnership's report counts (areas of care,
    parts of the weekend): counted in SQL for 10,000 children without reading every prompt. Findings kept
    before have none and are worked out again when next needed."""
    db.execute("ALTER TABLE session_findings ADD COLUMN counted TEXT")


def _bump(scope_sql: str) -> str:
    return (
        "INSERT INTO report_versions (scope, version) VALUES ("
        + scope_sql
        + ", 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;"
    )


def _quarter_of(started_at: str) -> str:
    return f"substr({started_at}, 1, 4) || '-q' || ((CAST(substr({started_at}, 6, 2) AS INTEGER) + 2) / 3)"


def m026_report_versions(db):
    """What the impact report counts, versioned so that a quarter's report is worked out again only when it
    could have changed: a change to a child's session bumps the quarter it started in (and so every later
    quarter, whose outcomes compare with earlier sessions); a change to teams, who works with a child or the
    outcomes agreed bumps "all"."""
    db.execute("CREATE TABLE report_versions (scope TEXT PRIMARY KEY, version INTEGER NOT NULL)")
    for change in ("INSERT", "UPDATE", "DELETE"):
        rows = {"INSERT": ["NEW"], "UPDATE": ["OLD", "NEW"], "DELETE": ["OLD"]}[change]
        bumps = " ".join(_bump(_quarter_of(f"{row}.started_at")) for row in rows)
        db.execute(
            f"CREATE TRIGGER sessions_{change.lower()}_report AFTER {change} ON sessions "
            f"WHEN {' OR '.join(f'{row}.child_id IS NOT NULL' for row in rows)} BEGIN {bumps} END"
        )
        for table in ("teams", "team_members", "child_practitioners", "outcomes"):
            db.execute(
                f"CREATE TRIGGER {table}_{change.lower()}_report AFTER {change} ON {table} "
                f"BEGIN {_bump(repr('all'))} END"
            )


def m027_alerts(db):
    """An alert: an answer that tells the child's worker at once (a question's `alert` in the questionnaire),
    recorded in the answer's own transaction; with who acknowledged it, when, and what was done. It holds the
    answer's value only, never the child's words."""
    run_script(
        db,
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            day TEXT NOT NULL CHECK (day IN ('school', 'weekend', 'once')),
            answer TEXT NOT NULL,
            raised_at TEXT NOT NULL,
            acknowledged_at TEXT,
            acknowledged_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            action TEXT,
            action_note TEXT,
            UNIQUE (session_id, question_id, day, answer)
        );
        CREATE INDEX alerts_open ON alerts(acknowledged_at, session_id)
        """,
    )


def m028_outbox(db):
    """E-mail waiting to go out, going out, or gone: one row per message and person, written in the same
    transaction as what it is about (an alert); no names or answers, only what it is about. And when an alert
    not acknowledged in time was sent again to the managers."""
    run_script(
        db,
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            about INTEGER,
            created_at TEXT NOT NULL,
            next_attempt_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            sent_at TEXT,
            given_up_at TEXT,
            last_error TEXT
        );
        CREATE INDEX outbox_waiting ON outbox(sent_at, given_up_at, next_attempt_at);
        ALTER TABLE alerts ADD COLUMN escalated_at TEXT
        """,
    )


def m029_weekly_reminders(db):
    """Whether a practitioner wants the weekly e-mail of children due or overdue a session (they do unless they
    turn it off)."""
    db.execute("ALTER TABLE users ADD COLUMN weekly_reminder INTEGER NOT NULL DEFAULT 1")


def m030_significant_events(db):
    """A significant event in a child's life that a practitioner adds to their chronology: when, what
    happened, the agency or source, and the impact on the child (always asked for)."""
    run_script(
        db,
        """
        CREATE TABLE significant_events (
            id INTEGER PRIMARY KEY,
            child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
            happened_on TEXT NOT NULL,
            what TEXT NOT NULL,
            source TEXT,
            impact TEXT NOT NULL,
            written_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            written_at TEXT NOT NULL
        );
        CREATE INDEX significant_events_by_child ON significant_events(child_id, happened_on)
        """,
    )


def m031_single_sign_on(db):
    """Signing in with the organisation's own account (OpenID Connect): the identity provider's stable subject
    id for the account, once matched, and whether an administrator lets the first sign-in match the account by
    a verified e-mail instead."""
    run_script(
        db,
        """
        ALTER TABLE users ADD COLUMN oidc_issuer TEXT;
        ALTER TABLE users ADD COLUMN oidc_subject TEXT;
        ALTER TABLE users ADD COLUMN oidc_email_match INTEGER NOT NULL DEFAULT 0;
        CREATE UNIQUE INDEX users_by_oidc_subject ON users(oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL
        """,
    )


def m032_switch_scanning_and_how_shown(db):
    """How the child showed an answer (pointed, eye gaze, sign, vocalised, behaviour, words: comma-separated), as
    the practitioner sitting with them records it; and the pace of switch scanning a session's pages use."""
    run_script(
        db,
        """
        ALTER TABLE answers ADD COLUMN shown_by TEXT;
        ALTER TABLE sessions ADD COLUMN scan_every_ms INTEGER
        """,
    )


def m033_consultation_responses_counted(db):
    """Keep the pupils who gave at least one answer counted per consultation and group as answers are saved.

    Counting them afresh looks for an answer of every response (2.5 s for the 557,077 responses of a Big Ask,
    on every results page and export); triggers keep the count in the same transaction as the answer. A response
    counts from its first answer until its last is deleted; no group is 0. (m032 is left to another change.)
    """
    run_script(
        db,
        """
        CREATE TABLE consultation_responses_counted (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            group_key INTEGER NOT NULL,
            pupils INTEGER NOT NULL,
            PRIMARY KEY (consultation_id, group_key)
        ) WITHOUT ROWID;
        INSERT INTO consultation_responses_counted (consultation_id, group_key, pupils)
        SELECT consultation_id, COALESCE(consultation_group_id, 0), COUNT(*) FROM sessions
        WHERE consultation_id IS NOT NULL AND EXISTS (SELECT 1 FROM answers WHERE answers.session_id = sessions.id)
        GROUP BY 1, 2
        """,
    )
    db.execute(
        """
        CREATE TRIGGER consultation_response_first_answer AFTER INSERT ON answers
        WHEN NOT EXISTS (
            SELECT 1 FROM answers WHERE session_id = NEW.session_id AND (question_id, day) != (NEW.question_id, NEW.day)
        )
        BEGIN
            INSERT INTO consultation_responses_counted (consultation_id, group_key, pupils)
            SELECT consultation_id, COALESCE(consultation_group_id, 0), 1
            FROM sessions WHERE id = NEW.session_id AND consultation_id IS NOT NULL
            ON CONFLICT (consultation_id, group_key) DO UPDATE SET pupils = pupils + 1;
        END
        """
    )
    # A response deleted takes its answers out first (m007), while it can still say where it was counted.
    db.execute(
        """
        CREATE TRIGGER consultation_response_last_answer AFTER DELETE ON answers
        WHEN NOT EXISTS (SELECT 1 FROM answers WHERE session_id = OLD.session_id)
        BEGIN
            UPDATE consultation_responses_counted SET pupils = pupils - 1
            WHERE (consultation_id, group_key) = (
                SELECT consultation_id, COALESCE(consultation_group_id, 0) FROM sessions WHERE id = OLD.session_id
            );
        END
        """
    )

"""The first schema steps: casework, consultations and their tallies, the audit log, sign-in failures."""


def outside_a_transaction(step):
    """Mark a step that cannot run inside a transaction (it rebuilds a table with foreign keys off)."""
    step.transactional = False
    return step


def m001_practitioners_children_sessions_answers(db):
    run_script(
        db,
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'practitioner',
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        );
        CREATE TABLE children (
            id INTEGER PRIMARY KEY,
            display_name TEXT NOT NULL,
            date_of_birth TEXT NOT NULL,
            case_reference TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE child_practitioners (
            child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            PRIMARY KEY (child_id, user_id)
        );
        CREATE INDEX child_practitioners_by_user ON child_practitioners(user_id);
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
            questionnaire_id TEXT NOT NULL,
            questionnaire_version INTEGER NOT NULL,
            language TEXT NOT NULL DEFAULT 'en',
            status TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'finished')),
            started_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE INDEX sessions_by_child ON sessions(child_id, started_at);
        CREATE TABLE answers (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            day TEXT NOT NULL CHECK (day IN ('school', 'weekend', 'once')),
            value TEXT,
            skipped INTEGER NOT NULL DEFAULT 0,
            source TEXT CHECK (source IN ('observed', 'reported')),
            saved_at TEXT NOT NULL,
            PRIMARY KEY (session_id, question_id, day)
        ) WITHOUT ROWID;
        """,
    )


def m002_notes_outcomes_messages_next_sessions(db):
    run_script(
        db,
        """
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT,
            day TEXT CHECK (day IN ('school', 'weekend', 'once')),
            text TEXT NOT NULL,
            author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX notes_by_session ON notes(session_id);
        CREATE TABLE outcomes (
            id INTEGER PRIMARY KEY,
            child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
            statement TEXT NOT NULL,
            question_id TEXT NOT NULL,
            day TEXT NOT NULL CHECK (day IN ('school', 'weekend', 'once')),
            met_when TEXT NOT NULL,
            review_on TEXT,
            created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX outcomes_by_child ON outcomes(child_id);
        CREATE TABLE messages_to_child (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            written_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            written_at TEXT NOT NULL
        );
        ALTER TABLE children ADD COLUMN next_session_on TEXT
        """,
    )


def run_script(db, script: str) -> None:
    # executescript() would commit the migration's transaction half-way: run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@outside_a_transaction
def m003_consultations(db):
    """Add consultations and their groups; let a session be a pupil's anonymous consultation response.

    `sessions.child_id` becomes nullable, which SQLite can only do by rebuilding the table. `answers` (and
    any later table) refers to sessions ON DELETE CASCADE, so dropping the old table with foreign keys on
    would delete every answer: this follows SQLite's documented rebuild, with foreign keys off around one
    BEGIN IMMEDIATE transaction and a foreign_key_check before COMMIT.
    """
    if "consultation_id" in db["sessions"].columns_dict:  # rebuilt, but not recorded before a crash
        return

    def rebuild():
        _create_consultation_tables(db)
        _rebuild_sessions_for_consultations(db)

    with_foreign_keys_off(db, "m003_consultations", rebuild)


def with_foreign_keys_off(db, step: str, rebuild) -> None:
    """Run a step that rebuilds a table others refer to ON DELETE CASCADE (dropping it with foreign keys on
    would delete their rows): SQLite's documented rebuild, foreign keys off around one BEGIN IMMEDIATE
    transaction, a foreign_key_check before COMMIT."""
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        if db.execute("PRAGMA foreign_keys").fetchone()[0]:  # ignored inside a transaction: never go on
            raise RuntimeError(f"{step} needs foreign keys off, outside any transaction")
        db.execute("BEGIN IMMEDIATE")
        try:
            rebuild()
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"{step} would break foreign keys: {[tuple(p) for p in problems]}")
        except BaseException:
            db.conn.rollback()
            raise
        db.execute("COMMIT")
    finally:
        db.execute("PRAGMA foreign_keys = ON")


def _create_consultation_tables(db) -> None:
    run_script(
        db,
        """
        CREATE TABLE consultations (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            questionnaire_id TEXT NOT NULL,
            join_code TEXT NOT NULL UNIQUE,
            opens_on TEXT NOT NULL,
            closes_on TEXT NOT NULL,
            min_group_size INTEGER NOT NULL DEFAULT 5 CHECK (min_group_size >= 2),
            max_responses INTEGER NOT NULL DEFAULT 2000 CHECK (max_responses >= 1),
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            CHECK (closes_on >= opens_on)
        );
        CREATE INDEX consultations_by_lead ON consultations(created_by, opens_on);
        CREATE TABLE consultation_groups (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            UNIQUE (consultation_id, name)
        )
        """,
    )


def _rebuild_sessions_for_consultations(db) -> None:
    # Start from the table as it stands (columns added since m001 are kept), make child_id nullable and
    # add the consultation columns; a session is either a child's or a consultation response, never both.
    old_sql = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sessions'"
    ).fetchone()[0]
    child_id = "child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE"
    if child_id not in old_sql:
        raise RuntimeError(f"m003_consultations does not recognise the sessions table: {old_sql}")
    body = old_sql[old_sql.index("(") + 1 : old_sql.rindex(")")].rstrip().rstrip(",")
    body = body.replace(child_id, "child_id INTEGER REFERENCES children(id) ON DELETE CASCADE")
    body += """,
            consultation_id INTEGER REFERENCES consultations(id) ON DELETE CASCADE,
            consultation_group_id INTEGER REFERENCES consultation_groups(id) ON DELETE CASCADE,
            CHECK ((child_id IS NULL) <> (consultation_id IS NULL)),
            CHECK (consultation_group_id IS NULL OR consultation_id IS NOT NULL)
        """
    keep = db.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'sessions' AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    columns = ", ".join(f'"{column}"' for column in db["sessions"].columns_dict)
    db.execute(f"CREATE TABLE sessions_new ({body})")
    db.execute(f"INSERT INTO sessions_new ({columns}) SELECT {columns} FROM sessions")
    db.execute("DROP TABLE sessions")
    db.execute("ALTER TABLE sessions_new RENAME TO sessions")
    for (sql,) in keep:
        db.execute(sql)
    db.execute("CREATE INDEX sessions_by_consultation ON sessions(consultation_id, consultation_group_id)")


def m004_whose_account(db):
    # Horwath: hear the child, the parent or carer, and the practitioner's own observation separately.
    db.execute(
        "ALTER TABLE sessions ADD COLUMN account TEXT NOT NULL DEFAULT 'child' "
        "CHECK (account IN ('child', 'parent_carer', 'practitioner'))"
    )


def m005_audit_log(db):
    run_script(
        db,
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor_id INTEGER,
            actor TEXT NOT NULL,
            event TEXT NOT NULL,
            child_id INTEGER,
            session_id INTEGER,
            detail TEXT
        );
        CREATE INDEX audit_log_by_time ON audit_log(at);
        CREATE INDEX audit_log_by_child ON audit_log(child_id, at)
        """,
    )
    for change in ("UPDATE", "DELETE"):  # one statement each: a trigger body holds a ";"
        db.execute(
            f"CREATE TRIGGER audit_log_no_{change.lower()} BEFORE {change} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )


def m006_practitioner_language(db):
    # The language a practitioner reads the app in; NULL follows their browser.
    db.execute("ALTER TABLE users ADD COLUMN language TEXT")


def m007_consultation_tallies(db):
    """Keep a consultation's answers counted per group, question, day and value as they are saved.

    Counting them afresh means grouping every answer of every pupil joined to their session (about 250 ms
    for 10,000 pupils); triggers keep the counts in the same transaction as the answer, so the results page
    reads a few hundred rows however many pupils answered. A skip counts under the value ''; no group is 0.
    """
    run_script(
        db,
        """
        CREATE TABLE consultation_tallies (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            day TEXT NOT NULL,
            value TEXT NOT NULL,
            group_key INTEGER NOT NULL,
            pupils INTEGER NOT NULL,
            PRIMARY KEY (consultation_id, question_id, day, value, group_key)
        ) WITHOUT ROWID;
        INSERT INTO consultation_tallies (consultation_id, question_id, day, value, group_key, pupils)
        SELECT sessions.consultation_id, answers.question_id, answers.day, COALESCE(answers.value, ''),
               COALESCE(sessions.consultation_group_id, 0), COUNT(*)
        FROM answers JOIN sessions ON sessions.id = answers.session_id
        WHERE sessions.consultation_id IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5
        """,
    )
    count_in = """
        INSERT INTO consultation_tallies (consultation_id, question_id, day, value, group_key, pupils)
        SELECT consultation_id, NEW.question_id, NEW.day, COALESCE(NEW.value, ''),
               COALESCE(consultation_group_id, 0), 1
        FROM sessions WHERE id = NEW.session_id AND consultation_id IS NOT NULL
        ON CONFLICT (consultation_id, question_id, day, value, group_key) DO UPDATE SET pupils = pupils + 1;
    """
    count_out = """
        UPDATE consultation_tallies SET pupils = pupils - 1
        WHERE (consultation_id, group_key) = (
                SELECT consultation_id, COALESCE(consultation_group_id, 0) FROM sessions WHERE id = OLD.session_id
              )
          AND question_id = OLD.question_id AND day = OLD.day AND value = COALESCE(OLD.value, '');
    """
    # One statement each: a trigger body holds a ";". A session deleted takes its answers out first,
    # while it can still say which consultation and group they were counted in.
    db.execute(f"CREATE TRIGGER consultation_tally_answer_added AFTER INSERT ON answers BEGIN {count_in} END")
    db.execute(
        "CREATE TRIGGER consultation_tally_answer_changed AFTER UPDATE OF value ON answers "
        f"WHEN OLD.value IS NOT NEW.value BEGIN {count_out} {count_in} END"
    )
    db.execute(
        f"CREATE TRIGGER consultation_tally_answer_removed AFTER DELETE ON answers BEGIN {count_out} END"
    )
    db.execute(
        "CREATE TRIGGER consultation_tally_response_removed BEFORE DELETE ON sessions "
        "WHEN OLD.consultation_id IS NOT NULL BEGIN DELETE FROM answers WHERE session_id = OLD.id; END"
    )


def m008_session_version(db):
    # Signing out adds one: a signed session cookie carrying the old number no longer signs anyone in.
    db.execute("ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0")


def m009_sign_in_failures(db):
    # Recent failed sign-ins and unlocks, kept in the database so every server process throttles alike.
    run_script(
        db,
        """
        CREATE TABLE sign_in_failures (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('sign_in', 'unlock')),
            account TEXT NOT NULL,
            address TEXT NOT NULL
        );
        CREATE INDEX sign_in_failures_by_account ON sign_in_failures(kind, account, at);
        CREATE INDEX sign_in_failures_by_address ON sign_in_failures(kind, address, at)
        """,
    )

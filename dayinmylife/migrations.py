"""Schema changes as named, append-only steps: never edit a step that has shipped, add a new one."""

from sqlite_utils import Migrations

migrations = Migrations("dayinmylife")


@migrations()
def m001_practitioners_children_sessions_answers(db):
    _run(
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


@migrations()
def m002_notes_outcomes_messages_next_sessions(db):
    _run(
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


def _run(db, script: str) -> None:
    # executescript() would commit the migration's transaction half-way: run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)

"""Recent schema steps: consultations across schools. Add the next step at the end, numbered after the last."""

from dayinmylife.store.migrations.first_steps import outside_a_transaction, run_script, with_foreign_keys_off


@outside_a_transaction
def m034_schools_and_their_classes(db):
    """Let a consultation's groups be schools, each with its own join code, and classes within a school.

    A class's name need only differ from the other classes of its school ("5A" is in many schools), which drops
    the table's UNIQUE (consultation_id, name): SQLite can only do that by rebuilding the table, and sessions
    refer to it ON DELETE CASCADE, so as m003 with foreign keys off around one transaction.
    """
    if "school_id" in db["consultation_groups"].columns_dict:  # rebuilt, but not recorded before a crash
        return
    with_foreign_keys_off(db, "m034_schools_and_their_classes", lambda: run_script(db, SCHOOLS_AND_CLASSES))


SCHOOLS_AND_CLASSES = """
CREATE TABLE consultation_groups_new (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    school_id INTEGER REFERENCES consultation_groups(id) ON DELETE CASCADE,
    join_code TEXT UNIQUE,
    CHECK (school_id IS NULL OR join_code IS NULL)
);
INSERT INTO consultation_groups_new (id, consultation_id, name, position)
SELECT id, consultation_id, name, position FROM consultation_groups;
DROP TABLE consultation_groups;
ALTER TABLE consultation_groups_new RENAME TO consultation_groups;
CREATE UNIQUE INDEX consultation_groups_named
    ON consultation_groups(consultation_id, COALESCE(school_id, 0), name);
CREATE INDEX consultation_groups_by_school ON consultation_groups(school_id)
"""


def m035_results_counted_ahead(db):
    """Keep the results of a consultation across more schools than can be counted while its lead waits, as its
    pages show them: a row for the whole consultation and one for each school shown (consultations/kept.py); `final`:
    counted once it had closed."""
    run_script(
        db,
        """
        CREATE TABLE consultation_results_kept (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            column_key INTEGER NOT NULL,
            counted_at TEXT NOT NULL,
            final INTEGER NOT NULL,
            shown TEXT NOT NULL,
            PRIMARY KEY (consultation_id, column_key)
        ) WITHOUT ROWID
        """,
    )

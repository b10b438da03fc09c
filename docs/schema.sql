-- The schema as `migrate()` leaves it, written by `make schema`. Change it with a migration.

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
            action_note TEXT, escalated_at TEXT,
            UNIQUE (session_id, question_id, day, answer)
        );

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

CREATE TABLE answers (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            day TEXT NOT NULL CHECK (day IN ('school', 'weekend', 'once')),
            value TEXT,
            skipped INTEGER NOT NULL DEFAULT 0,
            source TEXT CHECK (source IN ('observed', 'reported')),
            saved_at TEXT NOT NULL, asked INTEGER NOT NULL DEFAULT 1, shown_by TEXT,
            PRIMARY KEY (session_id, question_id, day)
        ) WITHOUT ROWID;

CREATE TABLE app_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

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

CREATE TABLE child_corrections (
            id INTEGER PRIMARY KEY,
            child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
            field TEXT NOT NULL CHECK (field IN ('display_name', 'date_of_birth', 'case_reference')),
            old_value TEXT,
            new_value TEXT,
            corrected_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            corrected_at TEXT NOT NULL
        );

CREATE TABLE child_practitioners (
            child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            PRIMARY KEY (child_id, user_id)
        );

CREATE TABLE children (
            id INTEGER PRIMARY KEY,
            display_name TEXT NOT NULL,
            date_of_birth TEXT NOT NULL,
            case_reference TEXT,
            created_at TEXT NOT NULL
        , next_session_on TEXT);

CREATE TABLE "consultation_groups" (
    id INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    school_id INTEGER REFERENCES consultation_groups(id) ON DELETE CASCADE,
    join_code TEXT UNIQUE,
    CHECK (school_id IS NULL OR join_code IS NULL)
);

CREATE TABLE consultation_limit_hits (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            hit_at TEXT NOT NULL
        );

CREATE TABLE consultation_responses_counted (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            group_key INTEGER NOT NULL,
            pupils INTEGER NOT NULL,
            PRIMARY KEY (consultation_id, group_key)
        ) WITHOUT ROWID;

CREATE TABLE consultation_results_kept (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            column_key INTEGER NOT NULL,
            counted_at TEXT NOT NULL,
            final INTEGER NOT NULL,
            shown TEXT NOT NULL,
            PRIMARY KEY (consultation_id, column_key)
        ) WITHOUT ROWID
        ;

CREATE TABLE consultation_tallies (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            day TEXT NOT NULL,
            value TEXT NOT NULL,
            group_key INTEGER NOT NULL,
            pupils INTEGER NOT NULL,
            PRIMARY KEY (consultation_id, question_id, day, value, group_key)
        ) WITHOUT ROWID;

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

CREATE TABLE messages_to_child (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            written_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            written_at TEXT NOT NULL
        , seen_in_session INTEGER, seen_at TEXT);

CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            question_id TEXT,
            day TEXT CHECK (day IN ('school', 'weekend', 'once')),
            text TEXT NOT NULL,
            author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        );

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

CREATE TABLE recovery_codes (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            code_hash TEXT NOT NULL,
            used_at TEXT
        );

CREATE TABLE report_versions (scope TEXT PRIMARY KEY, version INTEGER NOT NULL);

CREATE TABLE session_findings (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            stamp TEXT NOT NULL,
            findings TEXT NOT NULL
        , counted TEXT);

CREATE TABLE "sessions" (
            id INTEGER PRIMARY KEY,
            child_id INTEGER REFERENCES children(id) ON DELETE CASCADE,
            questionnaire_id TEXT NOT NULL,
            questionnaire_version INTEGER NOT NULL,
            language TEXT NOT NULL DEFAULT 'en',
            status TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'finished')),
            started_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            consultation_id INTEGER REFERENCES consultations(id) ON DELETE CASCADE,
            consultation_group_id INTEGER REFERENCES consultation_groups(id) ON DELETE CASCADE, account TEXT NOT NULL DEFAULT 'child' CHECK (account IN ('child', 'parent_carer', 'practitioner')), scan_every_ms INTEGER,
            CHECK ((child_id IS NULL) <> (consultation_id IS NULL)),
            CHECK (consultation_group_id IS NULL OR consultation_id IS NOT NULL)
        );

CREATE TABLE sign_in_failures (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('sign_in', 'unlock')),
            account TEXT NOT NULL,
            address TEXT NOT NULL
        );

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

CREATE TABLE team_members (
            team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            manages INTEGER NOT NULL DEFAULT 0 CHECK (manages IN (0, 1)),
            PRIMARY KEY (team_id, user_id)
        );

CREATE TABLE teams (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL
        );

CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'practitioner',
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        , language TEXT, session_version INTEGER NOT NULL DEFAULT 0, totp_secret TEXT, totp_last_step INTEGER, pending_totp_secret TEXT, reads_impact_report INTEGER NOT NULL DEFAULT 0, weekly_reminder INTEGER NOT NULL DEFAULT 1, oidc_issuer TEXT, oidc_subject TEXT, oidc_email_match INTEGER NOT NULL DEFAULT 0);

CREATE INDEX alerts_open ON alerts(acknowledged_at, session_id)
        ;

CREATE INDEX answer_links_by_session ON answer_links(session_id)
        ;

CREATE INDEX audit_log_by_child ON audit_log(child_id, at)
        ;

CREATE INDEX audit_log_by_time ON audit_log(at);

CREATE INDEX child_corrections_by_child ON child_corrections(child_id)
        ;

CREATE INDEX child_practitioners_by_user ON child_practitioners(user_id);

CREATE INDEX consultation_groups_by_school ON consultation_groups(school_id)
;

CREATE UNIQUE INDEX consultation_groups_named
    ON consultation_groups(consultation_id, COALESCE(school_id, 0), name);

CREATE INDEX consultation_limit_hits_by_consultation ON consultation_limit_hits(consultation_id, hit_at);

CREATE INDEX consultations_by_lead ON consultations(created_by, opens_on);

CREATE INDEX notes_by_session ON notes(session_id);

CREATE INDEX outbox_waiting ON outbox(sent_at, given_up_at, next_attempt_at);

CREATE INDEX outcomes_by_child ON outcomes(child_id);

CREATE INDEX recovery_codes_by_user ON recovery_codes(user_id);

CREATE INDEX sessions_by_child ON sessions(child_id, started_at);

CREATE INDEX sessions_by_consultation ON sessions(consultation_id, consultation_group_id);

CREATE INDEX sessions_by_consultation_start ON sessions(consultation_id, started_at)
        ;

CREATE INDEX sign_in_failures_by_account ON sign_in_failures(kind, account, at);

CREATE INDEX sign_in_failures_by_address ON sign_in_failures(kind, address, at)
        ;

CREATE INDEX significant_events_by_child ON significant_events(child_id, happened_on)
        ;

CREATE INDEX supervision_notes_by_child ON supervision_notes(child_id, discussed_on)
        ;

CREATE INDEX team_members_by_user ON team_members(user_id, manages)
        ;

CREATE UNIQUE INDEX team_members_one_team_each ON team_members(user_id) WHERE manages = 0;

CREATE UNIQUE INDEX users_by_oidc_subject ON users(oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL
        ;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER child_practitioners_delete_report AFTER DELETE ON child_practitioners BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER child_practitioners_insert_report AFTER INSERT ON child_practitioners BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER child_practitioners_update_report AFTER UPDATE ON child_practitioners BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER consultation_response_first_answer AFTER INSERT ON answers
        WHEN NOT EXISTS (
            SELECT 1 FROM answers WHERE session_id = NEW.session_id AND (question_id, day) != (NEW.question_id, NEW.day)
        )
        BEGIN
            INSERT INTO consultation_responses_counted (consultation_id, group_key, pupils)
            SELECT consultation_id, COALESCE(consultation_group_id, 0), 1
            FROM sessions WHERE id = NEW.session_id AND consultation_id IS NOT NULL
            ON CONFLICT (consultation_id, group_key) DO UPDATE SET pupils = pupils + 1;
        END;

CREATE TRIGGER consultation_response_last_answer AFTER DELETE ON answers
        WHEN NOT EXISTS (SELECT 1 FROM answers WHERE session_id = OLD.session_id)
        BEGIN
            UPDATE consultation_responses_counted SET pupils = pupils - 1
            WHERE (consultation_id, group_key) = (
                SELECT consultation_id, COALESCE(consultation_group_id, 0) FROM sessions WHERE id = OLD.session_id
            );
        END;

CREATE TRIGGER consultation_tally_answer_added AFTER INSERT ON answers BEGIN 
        INSERT INTO consultation_tallies (consultation_id, question_id, day, value, group_key, pupils)
        SELECT consultation_id, NEW.question_id, NEW.day, COALESCE(NEW.value, ''),
               COALESCE(consultation_group_id, 0), 1
        FROM sessions WHERE id = NEW.session_id AND consultation_id IS NOT NULL AND NEW.asked
        ON CONFLICT (consultation_id, question_id, day, value, group_key) DO UPDATE SET pupils = pupils + 1;
     END;

CREATE TRIGGER consultation_tally_answer_changed AFTER UPDATE OF value, asked ON answers WHEN OLD.value IS NOT NEW.value OR OLD.asked IS NOT NEW.asked BEGIN 
        UPDATE consultation_tallies SET pupils = pupils - 1
        WHERE OLD.asked AND (consultation_id, group_key) = (
                SELECT consultation_id, COALESCE(consultation_group_id, 0) FROM sessions WHERE id = OLD.session_id
              )
          AND question_id = OLD.question_id AND day = OLD.day AND value = COALESCE(OLD.value, '');
     
        INSERT INTO consultation_tallies (consultation_id, question_id, day, value, group_key, pupils)
        SELECT consultation_id, NEW.question_id, NEW.day, COALESCE(NEW.value, ''),
               COALESCE(consultation_group_id, 0), 1
        FROM sessions WHERE id = NEW.session_id AND consultation_id IS NOT NULL AND NEW.asked
        ON CONFLICT (consultation_id, question_id, day, value, group_key) DO UPDATE SET pupils = pupils + 1;
     END;

CREATE TRIGGER consultation_tally_answer_removed AFTER DELETE ON answers BEGIN 
        UPDATE consultation_tallies SET pupils = pupils - 1
        WHERE OLD.asked AND (consultation_id, group_key) = (
                SELECT consultation_id, COALESCE(consultation_group_id, 0) FROM sessions WHERE id = OLD.session_id
              )
          AND question_id = OLD.question_id AND day = OLD.day AND value = COALESCE(OLD.value, '');
     END;

CREATE TRIGGER consultation_tally_response_removed BEFORE DELETE ON sessions WHEN OLD.consultation_id IS NOT NULL BEGIN DELETE FROM answers WHERE session_id = OLD.id; END;

CREATE TRIGGER outcomes_delete_report AFTER DELETE ON outcomes BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER outcomes_insert_report AFTER INSERT ON outcomes BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER outcomes_update_report AFTER UPDATE ON outcomes BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER sessions_delete_report AFTER DELETE ON sessions WHEN OLD.child_id IS NOT NULL BEGIN INSERT INTO report_versions (scope, version) VALUES (substr(OLD.started_at, 1, 4) || '-q' || ((CAST(substr(OLD.started_at, 6, 2) AS INTEGER) + 2) / 3), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER sessions_insert_report AFTER INSERT ON sessions WHEN NEW.child_id IS NOT NULL BEGIN INSERT INTO report_versions (scope, version) VALUES (substr(NEW.started_at, 1, 4) || '-q' || ((CAST(substr(NEW.started_at, 6, 2) AS INTEGER) + 2) / 3), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER sessions_update_report AFTER UPDATE ON sessions WHEN OLD.child_id IS NOT NULL OR NEW.child_id IS NOT NULL BEGIN INSERT INTO report_versions (scope, version) VALUES (substr(OLD.started_at, 1, 4) || '-q' || ((CAST(substr(OLD.started_at, 6, 2) AS INTEGER) + 2) / 3), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; INSERT INTO report_versions (scope, version) VALUES (substr(NEW.started_at, 1, 4) || '-q' || ((CAST(substr(NEW.started_at, 6, 2) AS INTEGER) + 2) / 3), 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER team_members_delete_report AFTER DELETE ON team_members BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER team_members_insert_report AFTER INSERT ON team_members BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER team_members_update_report AFTER UPDATE ON team_members BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER teams_delete_report AFTER DELETE ON teams BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER teams_insert_report AFTER INSERT ON teams BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

CREATE TRIGGER teams_update_report AFTER UPDATE ON teams BEGIN INSERT INTO report_versions (scope, version) VALUES ('all', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1; END;

"""Users: sign-in accounts, their administration, the second step, app settings and sign-in failures."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from dayinmylife import clock
from dayinmylife.store.db import write_transaction
from dayinmylife.store.rows import all_rows, first_row


def user_by_id(db: Database, user_id: int) -> dict | None:
    return first_row(db, "SELECT * FROM users WHERE id = ? AND active", (user_id,))


def user_by_email(db: Database, email: str) -> dict | None:
    return first_row(db, "SELECT * FROM users WHERE email = ? AND active", (email.strip(),))


def create_user(db: Database, email: str, name: str, password_hash: str, role: str = "practitioner") -> int:
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)",
            (email.strip(), name.strip(), password_hash, role, clock.now_iso()),
        )
    return cursor.lastrowid


def set_user_language(db: Database, user_id: int, language: str | None) -> None:
    """Save the language a practitioner reads the app in (None: their browser's)."""
    with write_transaction(db):
        db.execute("UPDATE users SET language = ? WHERE id = ?", (language, user_id))


def all_accounts(db: Database) -> list[dict]:
    return all_rows(
        db,
        "SELECT id, email, name, role, active, created_at FROM users ORDER BY name COLLATE NOCASE, id",
    )


def account_by_id(db: Database, user_id: int) -> dict | None:
    return first_row(
        db,
        "SELECT id, email, name, role, active, created_at, reads_impact_report, oidc_subject, oidc_email_match "
        "FROM users WHERE id = ?",
        (user_id,),
    )


def set_weekly_reminder(db: Database, user_id: int, wanted: bool) -> None:
    with write_transaction(db):
        db.execute("UPDATE users SET weekly_reminder = ? WHERE id = ?", (int(wanted), user_id))


def set_reads_impact_report(db: Database, user_id: int, reads: bool) -> None:
    """Let an account read the partnership's impact report, or no longer; read on its next request."""
    with write_transaction(db):
        db.execute("UPDATE users SET reads_impact_report = ? WHERE id = ?", (int(reads), user_id))


def account_by_email(db: Database, email: str) -> dict | None:
    return first_row(
        db, "SELECT id, email, name, role, active, created_at FROM users WHERE email = ?", (email.strip(),)
    )


def update_account(db: Database, user_id: int, **changes: Any) -> bool:
    """Change an account's active, role or password_hash and end all its sessions.

    Refuse (return False, change nothing) when that would leave no active administrator.
    """
    columns = "".join(
        f"{name} = :{name}, " for name in changes if name in ("active", "role", "password_hash")
    )
    with write_transaction(db):
        account = first_row(db, "SELECT role, active FROM users WHERE id = ?", (user_id,))
        after = {**account, **changes}
        was_administrator = account["role"] == "administrator" and account["active"]
        stays_administrator = after["role"] == "administrator" and after["active"]
        others = db.execute(
            "SELECT COUNT(*) FROM users WHERE role = 'administrator' AND active AND id != ?", (user_id,)
        ).fetchone()[0]
        if was_administrator and not stays_administrator and not others:
            return False
        db.execute(
            f"UPDATE users SET {columns}session_version = session_version + 1 WHERE id = :id",
            {**changes, "id": user_id},
        )
    return True


def _replace_recovery_codes(db: Database, user_id: int, code_hashes: list[str]) -> None:
    db.execute("DELETE FROM recovery_codes WHERE user_id = ?", (user_id,))
    db.conn.executemany(
        "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)",
        [(user_id, code_hash) for code_hash in code_hashes],
    )


def start_two_factor(db: Database, user_id: int, secret: str, step: int, code_hashes: list[str]) -> None:
    """Turn on the second step: the app's secret, the step of the code just used, new recovery codes."""
    with write_transaction(db):
        db.execute(
            "UPDATE users SET totp_secret = ?, totp_last_step = ?, pending_totp_secret = NULL WHERE id = ?",
            (secret, step, user_id),
        )
        _replace_recovery_codes(db, user_id, code_hashes)


def pending_two_factor_secret(db: Database, user_id: int, new_secret: str) -> str:
    """The secret of the authenticator app being added: the one already offered, or new_secret kept now."""
    with write_transaction(db):
        db.execute(
            "UPDATE users SET pending_totp_secret = ? WHERE id = ? AND pending_totp_secret IS NULL",
            (new_secret, user_id),
        )
        return db.execute("SELECT pending_totp_secret FROM users WHERE id = ?", (user_id,)).fetchone()[0]


def renew_recovery_codes(db: Database, user_id: int, code_hashes: list[str]) -> None:
    with write_transaction(db):
        _replace_recovery_codes(db, user_id, code_hashes)


def end_two_factor(db: Database, user_id: int) -> bool:
    """Forget the account's secret and recovery codes; tell whether it had a second step."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = ? AND totp_secret IS NOT NULL",
            (user_id,),
        )
        db.execute("DELETE FROM recovery_codes WHERE user_id = ?", (user_id,))
    return cursor.rowcount == 1


def use_totp_step(db: Database, user_id: int, step: int) -> bool:
    """Mark a code's time step used; false when it or a later one was used already (a replayed code)."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
            (step, user_id, step),
        )
    return cursor.rowcount == 1


def use_recovery_code(db: Database, user_id: int, code_hash: str) -> bool:
    """Spend one unused recovery code; false when there is no such unused code."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
            (clock.now_iso(), user_id, code_hash),
        )
    return cursor.rowcount == 1


def recovery_codes_left(db: Database, user_id: int) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", (user_id,)
    ).fetchone()[0]


def accounts_with_two_factor_state(db: Database) -> list[dict]:
    """Every active account: whether it has a second step, and how many recovery codes it has left."""
    return all_rows(
        db,
        "SELECT id, name, email, role, totp_secret IS NOT NULL AS has_two_factor, "
        "(SELECT COUNT(*) FROM recovery_codes WHERE user_id = users.id AND used_at IS NULL) AS codes_left "
        "FROM users WHERE active ORDER BY name COLLATE NOCASE, id",
    )


def app_setting(db: Database, name: str, default: str) -> str:
    row = db.execute("SELECT value FROM app_settings WHERE name = ?", (name,)).fetchone()
    return row[0] if row else default


def set_app_setting(db: Database, name: str, value: str) -> None:
    with write_transaction(db):
        db.execute(
            "INSERT INTO app_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )


def end_sessions_of_user(db: Database, user_id: int) -> None:
    """Make every session cookie this user holds stop working (signing out, for instance)."""
    with write_transaction(db):
        db.execute("UPDATE users SET session_version = session_version + 1 WHERE id = ?", (user_id,))


def record_sign_in_failure(db: Database, kind: str, account: str, address: str, at: int) -> None:
    """Remember one failed sign-in or unlock, and forget failures older than a day."""
    with write_transaction(db):
        db.execute(
            "INSERT INTO sign_in_failures (at, kind, account, address) VALUES (?, ?, ?, ?)",
            (at, kind, account, address),
        )
        db.execute("DELETE FROM sign_in_failures WHERE at < ?", (at - 86400,))


def sign_in_failures_since(
    db: Database, kind: str, account: str, address: str, since: int
) -> tuple[int, int]:
    """Count failures since a moment: for this account, and from this address."""
    row = db.execute(
        "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE kind = :kind AND account = :account AND at >= :since), "
        "(SELECT COUNT(*) FROM sign_in_failures WHERE kind = :kind AND address = :address AND at >= :since)",
        {"kind": kind, "account": account, "address": address, "since": since},
    ).fetchone()
    return row[0], row[1]

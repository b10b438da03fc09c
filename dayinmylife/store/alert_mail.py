"""Who is e-mailed about an alert, as SQL (store/outbox.py sends; store/sessions.py queues with the answer)."""

from __future__ import annotations

from sqlite_utils import Database

# Who is told about an alert: every active account on the child's team, and the managers of their teams.
ALERT_RECIPIENTS = """
    SELECT users.id FROM users WHERE users.active AND users.id IN (
        SELECT user_id FROM child_practitioners WHERE child_id = :child
        UNION
        SELECT manager.user_id FROM child_practitioners AS worker
        JOIN team_members AS member ON member.user_id = worker.user_id AND NOT member.manages
        JOIN team_members AS manager ON manager.team_id = member.team_id AND manager.manages
        WHERE worker.child_id = :child
    )
"""


# When nobody who works with the child or manages their team can sign in: the administrators, who can pass the
# child on to a practitioner (they never open a child's record themselves).
ADMINISTRATORS = "SELECT id FROM users WHERE active AND role = 'administrator'"


def queue_alert_mail(db: Database, alert_ids: list[int], child_id: int, at: str) -> None:
    """Within the caller's transaction: an e-mail about each of these alerts to everyone told about them; to
    the administrators if nobody is (a child whose practitioners can no longer sign in)."""
    for alert_id in alert_ids:
        params = {"alert": alert_id, "child": child_id, "at": at}
        told = db.execute(
            f"""
            INSERT INTO outbox (user_id, kind, about, created_at, next_attempt_at)
            SELECT id, 'alert', :alert, :at, :at FROM ({ALERT_RECIPIENTS})
            """,
            params,
        ).rowcount
        if not told:
            db.execute(
                f"""
                INSERT INTO outbox (user_id, kind, about, created_at, next_attempt_at)
                SELECT id, 'stranded_alert', :alert, :at, :at FROM ({ADMINISTRATORS})
                """,
                params,
            )


# The managers of the teams of a child's practitioners.
MANAGERS = """
    SELECT users.id FROM users WHERE users.active AND users.id IN (
        SELECT manager.user_id FROM child_practitioners AS worker
        JOIN team_members AS member ON member.user_id = worker.user_id AND NOT member.manages
        JOIN team_members AS manager ON manager.team_id = member.team_id AND manager.manages
        WHERE worker.child_id = :child
    )
"""

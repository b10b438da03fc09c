"""E-mail: alerts to the people who must know at once, sent again to managers when nobody acts; the outbox an
administrator can see; `flask notify send-due` for cron."""

import click
from flask.cli import AppGroup


def register(app) -> None:
    """Add this area's pages and command to the app (imported here, when the app is built)."""
    from dayinmylife.notify import due, outbox_page

    app.register_blueprint(outbox_page.bp)
    notify = AppGroup("notify", help="E-mail: alerts, alerts sent again to managers, and what is waiting.")

    @notify.command("send-due")
    def send_due_command():
        """Send again to the managers every alert nobody has acknowledged in time, and send every e-mail due."""
        done = due.send_due()
        click.echo(", ".join(f"{count} {what}" for what, count in done.items()))

    app.cli.add_command(notify)

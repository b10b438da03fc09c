"""A school's anonymous consultations: setting one up, pupils joining and answering, results kept safe;
`flask consultations count` for the largest's results, counted ahead."""

import time

import click
from flask.cli import AppGroup


def register(app) -> None:
    """Add this area's pages and command to the app (imported here, when the app is built)."""
    from dayinmylife import clock, store
    from dayinmylife.cli import existing_database
    from dayinmylife.consultations import changes, codes, counting, join, kept, reports, views

    app.add_template_global(codes.runs_consultations)
    for pages in (views, reports, changes, join):
        app.register_blueprint(pages.bp)
    consultations = AppGroup("consultations", help="Consultations: the largest's results, counted ahead.")

    @consultations.command("count")
    def count_command():
        """Count and keep the results of every consultation across more schools than its lead could wait for
        that could have changed since last counted: open ones, and closed ones not counted since they closed.
        Run it every hour (deploy/dayinmylife-count.timer)."""
        db = existing_database()
        due = store.kept_results.to_count(db, kept.COUNTED_AHEAD_OVER, clock.today().isoformat())
        for consultation in due:
            started = time.perf_counter()
            results = counting.whole_results(db, consultation)
            final = codes.status_on(consultation) == "closed"  # no pupil can answer any more
            store.kept_results.keep(db, consultation["id"], clock.now_iso(), final, kept.to_keep(results))
            click.echo(
                f"consultation {consultation['id']} ({consultation['title']}): {results.responses} responses "
                f"counted in {time.perf_counter() - started:.0f} s"
            )
        click.echo(f"{len(due)} consultation(s) counted.")

    app.cli.add_command(consultations)

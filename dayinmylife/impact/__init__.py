"""The partnership's impact report: what a quarter's sessions say across every team, no child picked out."""


def register(app) -> None:
    """Add this area's pages to the app (imported here, when the app is built)."""
    from dayinmylife.impact import report

    app.register_blueprint(report.bp)

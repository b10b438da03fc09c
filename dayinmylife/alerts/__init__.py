"""Safety alerts: an answer that tells the child's worker at once, shown until someone acknowledges it."""


def register(app) -> None:
    """Add this area's pages to the app (imported here, when the app is built)."""
    from dayinmylife.alerts import views

    app.register_blueprint(views.bp)

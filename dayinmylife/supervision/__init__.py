"""Supervision: a team manager's view of the team's children, and moving a child to another practitioner."""


def register(app) -> None:
    """Add this area's pages to the app (imported here, when the app is built)."""
    from dayinmylife.supervision import team_page

    app.register_blueprint(team_page.bp)

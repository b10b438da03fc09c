"""Supervision: a team manager's view of the team's children, and moving a child to another practitioner."""


def register(app) -> None:
    """Add this area's pages to the app (imported here, when the app is built)."""
    from dayinmylife.supervision import notes, team_page

    for pages in (team_page, notes):
        app.register_blueprint(pages.bp)

"""Pages only administrators see: accounts, teams, the audit log, two-step sign-in for everyone."""


def register(app) -> None:
    """Add this area's pages and what they share to the app (imported here, when the app is built)."""
    from dayinmylife.admin import audit_log, teams, two_factor, users

    for pages in (users, teams, audit_log, two_factor):
        app.register_blueprint(pages.bp)

"""Pages only administrators see: accounts, the audit log, two-step sign-in for everyone."""


def register(app) -> None:
    """Add this area's pages and what they share to the app (imported here, when the app is built)."""
    from dayinmylife.admin import audit_log, two_factor, users

    for pages in (users, audit_log, two_factor):
        app.register_blueprint(pages.bp)

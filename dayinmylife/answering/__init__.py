"""Whoever answers: a child on their worker's device, a teenager on their own phone, a pupil."""


def register(app) -> None:
    """Add this area's pages and what they share to the app (imported here, when the app is built)."""
    from dayinmylife.answering import answer_links, child_mode, grants, my_day

    app.add_template_global(grants.locked_session)
    for pages in (my_day, child_mode, answer_links):
        app.register_blueprint(pages.bp)

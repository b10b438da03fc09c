"""A school's anonymous consultations: setting one up, pupils joining and answering, results kept safe."""


def register(app) -> None:
    """Add this area's pages and what they share to the app (imported here, when the app is built)."""
    from dayinmylife.consultations import changes, codes, join, reports, views

    app.add_template_global(codes.runs_consultations)
    for pages in (views, reports, changes, join):
        app.register_blueprint(pages.bp)

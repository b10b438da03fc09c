"""The practitioner's casework: the caseload, a child's sessions and records, notes, outcomes, the care team."""


def register(app) -> None:
    """Add this area's pages and what they share to the app (imported here, when the app is built)."""
    from dayinmylife.access import works_with
    from dayinmylife.casework import (
        care_team,
        caseload,
        chronology,
        corrections,
        insights,
        notes,
        outcomes,
        privacy,
        side_by_side,
    )

    app.add_template_global(works_with)
    for pages in (
        caseload,
        outcomes,
        notes,
        side_by_side,
        privacy,
        care_team,
        corrections,
        insights,
        chronology,
    ):
        app.register_blueprint(pages.bp)

"""What every page shares: languages, security headers, static files, error pages, the guards before each request."""


def register(app) -> None:
    """Add this area's pages and what they share to the app (imported here, when the app is built)."""
    from dayinmylife.web import (
        compact_html,
        errors,
        guards,
        i18n,
        kept_parts,
        page_language,
        security,
        sprites,
        static_files,
    )

    i18n.init_app(app, page_language.select_locale)
    for part in (security, static_files, sprites, kept_parts, compact_html, guards, errors):
        part.init_app(app)

"""How anyone gets in and stays in: passwords, the second step, how long a session lasts."""


def register(app) -> None:
    """Add this area's pages and what they share to the app (imported here, when the app is built)."""
    from dayinmylife.signin import (
        auth,
        keep_alive,
        session_limits,
        settings,
        signing_in,
        single_sign_on,
        two_factor_views,
    )

    signing_in.login_manager.init_app(app)
    single_sign_on.init_app(app)
    app.context_processor(session_limits.warning_settings)
    for pages in (auth, keep_alive, settings, single_sign_on, two_factor_views):
        app.register_blueprint(pages.bp)

"""Signing in with the organisation's own account (OpenID Connect, through Authlib): the authorisation code flow
with PKCE, state and nonce; the ID token's signature, issuer, audience and expiry checked by Authlib. An
administrator still decides who has an account; the identity provider proves who is signing in."""

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask import session as cookie
from flask_login import current_user
from joserfc.errors import JoseError
from requests import RequestException

from dayinmylife import access, audit
from dayinmylife.answering import grants
from dayinmylife.signin import organisation_accounts, two_factor
from dayinmylife.signin.signing_in import ORGANISATION, sign_in_as
from dayinmylife.store.db import get_db
from dayinmylife.web import security

bp = Blueprint("single_sign_on", __name__)
CLIENT = "organisation"
# What Authlib raises for a bad state, the provider's refusal, or an ID token that fails its checks.
UNTRUSTED = (AuthlibBaseError, JoseError, ValueError, KeyError, RuntimeError)


def init_app(app) -> None:
    """Register the organisation's identity provider with Authlib, when an issuer is set."""
    if not app.config.get("OIDC_ISSUER"):
        return
    oauth = OAuth(app)
    oauth.register(
        CLIENT,
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=app.config["OIDC_ISSUER"].rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256", "timeout": 10},
    )


def _client():
    oauth = current_app.extensions.get("authlib.integrations.flask_client")
    return oauth.create_client(CLIENT) if oauth else None


@bp.get("/sign-in/organisation")
def start():
    """Send the person to the organisation's sign-in, to come back with proof of who they are."""
    client = _client() or abort(404)
    if current_user.is_authenticated and grants.locked_session() is None:
        return redirect(url_for(access.home_of(current_user.role)))
    next_page = security.safe_local_path(request.args.get("next"))
    try:
        response = client.authorize_redirect(_return_address())
    except (RequestException, *UNTRUSTED) as problem:  # discovery failed
        return _refused("unreachable", problem)
    cookie["sign_in_next"] = next_page
    return response


@bp.get("/sign-in/organisation/done")
def done():
    """Where the organisation's sign-in sends the person back: check its answer, find their account."""
    client = _client() or abort(404)
    settings = current_app.config
    must = {  # beside the signature, expiry and nonce Authlib always checks
        "iss": {"essential": True, "values": [settings["OIDC_ISSUER"].rstrip("/")]},
        "aud": {"essential": True, "values": [settings["OIDC_CLIENT_ID"]]},
    }
    try:
        token = client.authorize_access_token(claims_options=must)
    except RequestException as problem:
        return _refused("unreachable", problem)
    except UNTRUSTED as problem:
        return _refused("not_trusted", problem)
    claims = token.get("userinfo")
    if not claims:
        return _refused("not_trusted", "no ID token")
    row, refusal = organisation_accounts.account_for(claims, settings)
    if row is None:
        return _refused(refusal, f"subject {claims['sub']!r} of {claims['iss']!r}")
    next_page = cookie.get("sign_in_next") or url_for(access.home_of(row["role"]))
    checked = organisation_accounts.second_factor_checked(claims, settings)
    if not checked and row["totp_secret"]:  # the app's own second step, as after a password
        two_factor.await_second_step(row, next_page, via=ORGANISATION)
        return redirect(url_for("auth.second_step"))
    return sign_in_as(row, next_page, ORGANISATION, second_factor_by_provider=checked)


@bp.get("/signed-out")
def signed_out():
    """After signing out of the app: the organisation's sign-in may still be on; offer to end that too."""
    client = _client()
    if not client:
        return redirect(url_for("auth.sign_in"))
    try:
        ending = client.load_server_metadata().get("end_session_endpoint")
    except (RequestException, *UNTRUSTED):
        ending = None
    return render_template(
        "auth/signed_out.html", end_session=ending, client_id=current_app.config["OIDC_CLIENT_ID"]
    )


def _return_address() -> str:
    """The address the provider sends people back to, as registered with it: the app's own, not the request's."""
    return current_app.config["BASE_URL"].rstrip("/") + url_for("single_sign_on.done")


def _refused(reason: str, detail) -> tuple[str, int]:
    """One clear page for every way the organisation's sign-in can fail; the audit log keeps why."""
    audit.record(get_db(), "single_sign_on_failed", reason=reason, detail=str(detail)[:200])
    status = {"unreachable": 502, "not_trusted": 400}.get(reason, 403)
    label = current_app.config["OIDC_LABEL"]
    return render_template("auth/single_sign_on_failed.html", reason=reason, label=label), status

"""Managing accounts from the command line: the same rules and audit as the administrators' pages."""

import pytest

from dayinmylife import store
from tests.conftest import PASSWORD_HASH

NEW_PASSWORD = "a brand new long passphrase"


@pytest.fixture
def accounts(db):
    """An administrator and a practitioner."""
    return {
        "admin": store.users.create_user(db, "ada@example.org", "Ada Admin", PASSWORD_HASH, "administrator"),
        "sam": store.users.create_user(db, "sam@example.org", "Sam Taylor", PASSWORD_HASH),
    }


@pytest.fixture
def flask(app):
    return lambda *args, **kwargs: app.test_cli_runner().invoke(args=list(args), **kwargs)


def audit_events(db) -> list[tuple[str, str]]:
    return [tuple(row) for row in db.execute("SELECT actor, event FROM audit_log ORDER BY id")]


def test_user_list_shows_every_account_with_role_and_status(flask, db, accounts):
    store.users.update_account(db, accounts["sam"], active=0)
    lines = flask("user", "list").output.splitlines()
    assert lines == [
        "ada@example.org\tadministrator\tactive\tAda Admin",
        "sam@example.org\tpractitioner\tdisabled\tSam Taylor",
    ]


def test_disable_and_enable_change_whether_they_can_sign_in(flask, db, accounts):
    result = flask("user", "disable", "sam@example.org")
    assert result.exit_code == 0 and "signed out everywhere" in result.output
    assert store.users.user_by_email(db, "sam@example.org") is None
    assert store.users.account_by_id(db, accounts["sam"])["active"] == 0
    assert flask("user", "enable", "SAM@example.org").exit_code == 0
    assert store.users.user_by_email(db, "sam@example.org")["session_version"] == 2
    assert audit_events(db) == [("command line", "account_disabled"), ("command line", "account_enabled")]


def test_reset_password_asks_twice_hidden_and_checks_the_rules(flask, db, accounts):
    refused = flask("user", "reset-password", "sam@example.org", input="short\nshort\n")
    assert refused.exit_code != 0 and "at least 12 characters" in refused.output
    mismatch = flask("user", "reset-password", "sam@example.org", input=f"{NEW_PASSWORD}\nsomething else\n")
    assert mismatch.exit_code != 0
    assert store.users.user_by_id(db, accounts["sam"])["password_hash"] == PASSWORD_HASH
    result = flask("user", "reset-password", "sam@example.org", input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert NEW_PASSWORD not in result.output  # hidden as it is typed
    account = store.users.user_by_id(db, accounts["sam"])
    assert account["password_hash"] != PASSWORD_HASH and account["session_version"] == 1
    assert audit_events(db) == [("command line", "password_reset")]


def test_role_gives_another_role(flask, db, accounts):
    result = flask("user", "role", "sam@example.org", "consultation_lead")
    assert result.exit_code == 0
    assert store.users.user_by_id(db, accounts["sam"])["role"] == "consultation_lead"
    assert flask("user", "role", "sam@example.org", "owner").exit_code != 0
    assert audit_events(db) == [("command line", "role_changed")]


def test_the_last_active_administrator_can_be_neither_disabled_nor_demoted(flask, db, accounts):
    for args in (("disable", "ada@example.org"), ("role", "ada@example.org", "practitioner")):
        result = flask("user", *args)
        assert result.exit_code == 1 and "last active administrator" in result.output
    assert store.users.user_by_id(db, accounts["admin"])["role"] == "administrator"
    flask("user", "role", "sam@example.org", "administrator")
    assert (
        flask("user", "disable", "ada@example.org").exit_code == 0
    )  # Sam now keeps the administration going
    refused = flask("user", "role", "sam@example.org", "practitioner")
    assert refused.exit_code == 1 and "Sam Taylor is the last active administrator" in refused.output


def test_an_unknown_email_is_named(flask, accounts):
    for args in (("disable",), ("enable",), ("role", "nobody@example.org", "practitioner")):
        result = flask("user", *args, *(["nobody@example.org"] if len(args) == 1 else []))
        assert result.exit_code == 1 and "no account for nobody@example.org" in result.output


def test_creating_an_account_whose_email_is_disabled_is_refused(flask, db, accounts):
    flask("user", "disable", "sam@example.org")
    result = flask("user", "create", "sam@example.org", "--name", "Sam", "--password", NEW_PASSWORD)
    assert result.exit_code != 0 and "already an account" in result.output

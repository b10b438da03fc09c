"""New passwords: at least 12 characters and none of the most common ones."""

import pytest

from dayinmylife.signin.passwords import password_problem
from tests.conftest import PASSWORD


@pytest.mark.parametrize(
    "password", ["short", "eleven char", "123qweasdzxc", "QWERTY123456", "aaaaaaaaaaaaaaaa"]
)
def test_short_common_or_repetitive_passwords_are_refused(password):
    assert password_problem(password) is not None


@pytest.mark.parametrize("password", [PASSWORD, "sunrise-breakfast-bedtime", "a long enough password"])
def test_long_uncommon_passwords_will_do(password):
    assert password_problem(password) is None


def test_flask_user_create_refuses_a_common_password(app):
    result = app.test_cli_runner().invoke(
        args=["user", "create", "kim@example.org", "--name", "Kim", "--password", "qwerty123456"]
    )
    assert result.exit_code != 0 and "most common" in result.output


def test_flask_user_create_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(
        args=["user", "create", "kim@example.org", "--name", "Kim", "--password", "toast-4-tea"]
    )
    assert result.exit_code != 0 and "at least 12 characters" in result.output

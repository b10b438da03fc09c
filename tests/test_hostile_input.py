"""Hostile input: random and malicious values in every path, query parameter and form field of every route.

Whatever arrives, as whichever visitor, the app answers without a server error; a GET changes nothing, and
a request from a visitor with no right to the record changes nothing either (the audit log and the sign-in
failures may grow: recording refused and failed attempts is their job).

HOSTILE_EXAMPLES=200 in the environment tries more examples per route than the quick default.
"""

import hashlib
import html
import os
import re
import sqlite3
from datetime import date, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from flask import session as flask_session
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wtforms.fields.core import UnboundField

from dayinmylife import store
from dayinmylife.vocabulary import DAY_OF_SLUG
from tests import test_authorisation as authorisation
from tests.conftest import PASSWORD, PASSWORD_HASH, csrf_token

rows = authorisation.rows  # the same real records as the authorisation matrix walks

HOSTILE = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", 15)),
    deadline=None,
    database=None,  # nothing written into the checkout; a failure prints the example to reproduce it
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Who sends the request: authorisation.ROLES, and a practitioner with none of the records on their caseload.
VISITORS = (*authorisation.ROLES, "other_practitioner")
SIGNED_IN_VISITORS = {
    "administrator",
    "practitioner",
    "consultation_lead",
    "other_practitioner",
    "manager",
    "other_manager",
}
# Tables that grow when a request is refused or a password is wrong: that is what they are for.
MAY_GROW = {"audit_log", "sign_in_failures"}
# Columns that are no record: the key of an authenticator app being added, kept on the server (not in the
# cookie) from the moment its set-up page is shown, as a session would be.
NOT_A_RECORD = {"users": {"pending_totp_secret"}}
# Path arguments naming a child's records: another practitioner has no right to them.
RECORDS_IN_PATH = {"child_id", "session_id", "link_id"}

# The query parameters each view reads (grep request.args); every request also carries one no view reads.
QUERY_PARAMETERS = {
    "accounts.side_by_side": ("child", "parent_carer", "practitioner"),
    "admin.audit_log": ("event", "child", "since"),
    "auth.sign_in": ("next",),
    "consultation_reports.comments": ("page",),
    "consultation_reports.results": ("group",),
    "insights.compare_sessions": ("from", "to"),
    "insights.comparison_record": ("from", "to"),
    "insights.history": ("account",),
    "insights.history_record": ("account",),
    "join.enter_code": ("code",),
    "my_day.help": ("from",),
    "my_day.question": ("change",),
    "my_day.review": ("change",),
    "my_day.stop": ("from",),
    "static": ("v",),
}


def _form_classes(form_class=FlaskForm):
    for subclass in form_class.__subclasses__():
        yield subclass
        yield from _form_classes(subclass)


# Every field of every form of the app, and the names views read from request.form directly.
FORM_FIELDS = sorted(
    {
        name
        for form in _form_classes()
        for name, field in vars(form).items()
        if isinstance(field, UnboundField)
    }
    | {"answer", "not_an_answer", "source", "action", "language"}
)

TODAY = date.today()
PLAUSIBLE = authorisation.PLAUSIBLE_FORM | {
    "case_reference": "ABC/123",
    "account": "parent_carer",
    "about": "had_breakfast school",
    "met_when": "yes",
    "review_on": (TODAY + timedelta(days=30)).isoformat(),
    "source": "observed",
    "not_an_answer": "dont_know",
    "groups": "5 Oak\n5 Ash",
    "group": "1",
    "opens_on": TODAY.isoformat(),
    "closes_on": (TODAY + timedelta(days=7)).isoformat(),
    "min_group_size": "5",
    "max_responses": "100",
    "action": "save",
    "confirm_name": "Leo",
}

HOSTILE_STRINGS = (
    "",
    " ",
    "\x00",
    "Leo\x00<b>",
    "' OR '1'='1' --",
    "1; DROP TABLE children; --",
    "1' UNION SELECT password_hash, email FROM users --",
    '<script>alert("fuzz")</script>',
    '"><img src=x onerror=alert(1)>',
    "{{ 7 * 7 }}{% raw %}",
    "%s%n%x",
    "-1",
    "0",
    "-9223372036854775809",
    "9223372036854775808",
    "9" * 400,
    "1e309",
    "NaN",
    "0x10",
    "9999-99-99",
    "0000-00-00",
    "2024-02-30",
    "9999-12-31",
    "0001-01-01",
    "-2024-01-01",
    "../../../../etc/passwd",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "\r\nSet-Cookie: evil=1",
    "Ŵŷ łą مرحبا 🙂 e\u0301",
    "\u202eevil\ufeff",
    "A" * 100_000,
)
SCRIPT_IN_PAGE = ('<script>alert("fuzz")', "<img src=x onerror")

printable = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be sent as UTF-8 at all
hostile_segment = st.one_of(st.sampled_from(HOSTILE_STRINGS), st.text(printable, max_size=40)).filter(bool)
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.text(printable, max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.binary(max_size=12),  # not UTF-8
)


def field_value(name: str):
    """Something a browser, a script or an attacker could send for one field: one value, or several."""
    plausible = st.just(PLAUSIBLE[name]) if name in PLAUSIBLE else hostile_text
    return st.one_of(
        plausible, hostile_text, st.lists(st.one_of(plausible, hostile_text), min_size=2, max_size=3)
    )


any_fields = st.fixed_dictionaries({}, optional={name: field_value(name) for name in FORM_FIELDS})


@st.composite
def form_data(draw):
    """Fields at random, or a form filled in properly but for a field or two: that gets as far as saving."""
    if draw(st.booleans()):
        return draw(any_fields)
    form = dict(PLAUSIBLE)
    for name in draw(st.lists(st.sampled_from(FORM_FIELDS), min_size=1, max_size=2, unique=True)):
        form[name] = draw(st.one_of(st.none(), field_value(name)))
    return {name: value for name, value in form.items() if value is not None}


@pytest.fixture
def records(rows, db):
    """The matrix's records, a practitioner who has none of them, and the database as it is now to go back to."""
    rows["users"]["other_practitioner"] = store.users.create_user(db, "ola@example.org", "Ola", PASSWORD_HASH)
    pristine = sqlite3.connect(":memory:")
    db.conn.backup(pristine)
    rows["pristine"] = pristine
    yield rows
    pristine.close()


def path_value(rule, argument: str, own: dict, rows, real_values: dict):
    """Mostly the visitor's own record, else another real one, or something that is nobody's."""
    if f"<int:{argument}>" in rule.rule:
        ids = {rows[name] for name in ("child", "session", "pupil", "consultation", "link")} | {
            *rows["users"].values()
        }
        another = st.sampled_from(sorted(ids))
        return st.one_of(st.just(own[argument]), another, st.integers(min_value=-(2**70), max_value=2**70))
    another = st.sampled_from(real_values.get(argument, [own[argument]]))
    return st.one_of(st.just(own[argument]), another, hostile_segment)


def is_own(argument, value, own: dict, rows, real_values: dict) -> bool:
    if argument == "user_id":  # an administrator looks after every account
        return value in rows["users"].values()
    return value in real_values.get(argument, [own[argument]])


def may_change_data(endpoint, role, rule, own_path) -> bool:
    """Whether this visitor has the right to change something through this route at this URL."""
    if not own_path:
        return False
    if endpoint == "auth.sign_out":  # its answer is the sign-in page, and it does end the session
        return role in SIGNED_IN_VISITORS
    if role == "other_practitioner":  # a practitioner's own things, never another's child or session
        return may_change_data(endpoint, "practitioner", rule, True) and not RECORDS_IN_PATH & set(
            rule.arguments
        )
    return authorisation.EXPECTED[endpoint][authorisation.ROLES.index(role)] == authorisation.OK


def visitor_with_csrf_token(app, rows, role):
    """A browser of this kind holding a valid CSRF token, as if it had just loaded a page with a form."""
    client = authorisation.visitor(app, rows, role)
    with app.test_request_context():
        token = generate_csrf()
        raw_token = flask_session["csrf_token"]
    with client.session_transaction() as browser_session:
        browser_session["csrf_token"] = raw_token
        if role == "pupil":  # has typed the consultation's code too, so may start answers of their own
            browser_session["joining"] = rows["consultation"]
    return client, token


def everything_that_must_not_change(conn) -> dict:
    """Row count and a hash of the contents of each table, except those that rightly grow."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        if name not in MAY_GROW
    ]
    snapshot = {}
    for table in tables:
        columns = [
            f'"{name}"'
            for (name,) in conn.execute(f'SELECT name FROM pragma_table_info("{table}")')
            if name not in NOT_A_RECORD.get(table, ())
        ]
        rows = conn.execute(f'SELECT {", ".join(columns)} FROM "{table}"')
        contents = sorted(repr(tuple(row)) for row in rows)
        snapshot[table] = (len(contents), hashlib.sha256("\n".join(contents).encode()).hexdigest())
    return snapshot


def encoded(pairs: dict) -> str:
    return urlencode(pairs, doseq=True)


def routes_of(app, endpoint) -> list:
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint]
    assert rules, f"{endpoint} is in EXPECTED but is no route any more"
    return sorted(
        ((rule, method) for rule in rules for method in rule.methods & {"GET", "POST"}),
        key=lambda route: (route[0].rule, route[1]),
    )


def draw_request(data, app, records, endpoint):
    """Who sends what to which URL; and whether the path names only records this visitor may use."""
    real_values = {
        "day_slug": sorted(DAY_OF_SLUG),
        "question_id": sorted(app.extensions["questionnaires"]["primary"].questions_by_id),
    }
    role = data.draw(st.sampled_from(VISITORS), label="visitor")
    rule, method = data.draw(st.sampled_from(routes_of(app, endpoint)), label="route")
    own = authorisation.path_values(records, role)
    path = {
        argument: data.draw(path_value(rule, argument, own, records, real_values), label=argument)
        for argument in rule.arguments
    }
    own_path = all(is_own(argument, value, own, records, real_values) for argument, value in path.items())
    parameters = (*QUERY_PARAMETERS.get(endpoint, ()), "utm_fuzz")
    query = data.draw(
        st.fixed_dictionaries({}, optional={name: field_value(name) for name in parameters}), label="query"
    )
    form = data.draw(form_data(), label="form") if method == "POST" else {}
    return role, rule, method, rule.build(path)[1], query, form, own_path


@pytest.mark.parametrize("endpoint", sorted(authorisation.EXPECTED))
@HOSTILE
@given(data=st.data())
def test_hostile_input_never_fails_and_changes_nothing_it_may_not(app, db, records, endpoint, data):
    records["pristine"].backup(db.conn)  # every example starts from the same records
    role, rule, method, url, query, form, own_path = draw_request(data, app, records, endpoint)
    client, token = visitor_with_csrf_token(app, records, role)
    before = everything_that_must_not_change(db.conn)
    body = encoded(form) + "&" + encoded({"csrf_token": token})
    with client.open(
        url,
        method=method,
        query_string=encoded(query),
        data=body,
        content_type="application/x-www-form-urlencoded",
    ) as response:
        assert response.status_code < 500, f"{method} {url} as {role}: {response.status_code}"
        assert urlsplit(response.headers.get("Location", "")).netloc in ("", "localhost"), (
            "a redirect off the site"
        )
        if response.mimetype == "text/html":
            page = response.get_data(as_text=True)
            assert not any(script in page for script in SCRIPT_IN_PAGE), "what was sent came back as markup"
    if method == "GET" or not may_change_data(endpoint, role, rule, own_path):
        assert everything_that_must_not_change(db.conn) == before, f"{method} {url} as {role} changed records"


def test_going_round_help_and_stop_always_leads_back_to_the_question(app, records):
    """A child (or a crawler) clicking Help, Stop, Help… is never sent down an ever longer chain of pages."""
    client = authorisation.visitor(app, records, "practitioner")
    question = f"/day/{records['session']}/school-day/who_wakes_you"
    url = f"/day/{records['session']}/help?{encoded({'from': question})}"
    for next_page in ("stop", "help", "who-will-see-my-answers", "stop", "help"):
        page = client.get(url).text
        url = html.unescape(re.search(rf'href="(/day/\d+/{next_page}\?from=[^"]+)"', page).group(1))
        assert parse_qs(urlsplit(url).query) == {"from": [question]}


@pytest.mark.parametrize(
    "target", ["/\t/evil.example/x", "/%09/evil.example/x", "/\r\nX-Evil: 1", "/%0d%0a/x"]
)
def test_a_next_page_with_control_characters_after_a_right_password_stays_on_the_site(app, db, target):
    store.users.create_user(db, "kim@example.org", "Kim", PASSWORD_HASH)
    client = app.test_client()
    token = csrf_token(client.get("/sign-in").text)
    response = client.post(
        "/sign-in",
        query_string={"next": target},
        data={"email": "kim@example.org", "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302, response.status_code  # signed in, not a server error
    assert response.location == "/"


def test_a_pick_several_choice_sent_ten_thousand_times_is_kept_and_counted_once(
    app, db, records, questionnaires
):
    question = next(
        q for q in questionnaires["primary"].questions if q.type == "pick_many" and q.days == "both"
    )
    coat = question.options[0].value
    client, token = visitor_with_csrf_token(app, records, "pupil")
    body = urlencode([("answer", coat)] * 10_000 + [("action", "continue"), ("csrf_token", token)])
    url = f"/day/{records['pupil']}/school-day/{question.id}"
    response = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert store.sessions.answers_of(db, records["pupil"])[(question.id, "school")].value == [coat]
    tally = db.execute(
        "SELECT value, pupils FROM consultation_tallies WHERE question_id = ? AND pupils > 0", (question.id,)
    ).fetchall()
    assert [tuple(row) for row in tally] == [(f'["{coat}"]', 1)]

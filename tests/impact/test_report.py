"""The partnership's impact report in the app: who may read it, what it counts, quarter against quarter, CSV."""

from datetime import timedelta

import pytest

from dayinmylife import clock, store
from dayinmylife.impact.figures import Quarter
from tests.conftest import PASSWORD_HASH, Practitioners, csrf_token


@pytest.fixture
def partnership(db, questionnaires):
    """North (Sam: 6 children heard this quarter, 5 the quarter before) and "=Risky" (Jo: 2 children)."""
    users = {
        name: store.users.create_user(db, f"{name.lower()}@example.org", name, PASSWORD_HASH, role)
        for name, role in (("Sam", "practitioner"), ("Jo", "practitioner"), ("Alex", "administrator"))
    }
    users["Morgan"] = store.users.create_user(db, "morgan@example.org", "Morgan", PASSWORD_HASH, "manager")
    north, risky = store.teams.create_team(db, "North"), store.teams.create_team(db, "=Risky")
    store.teams.add_member(db, north, users["Sam"], manages=False)
    store.teams.add_member(db, risky, users["Jo"], manages=False)
    store.teams.add_member(db, north, users["Morgan"], manages=True)
    this = Quarter.of(clock.today())
    primary = questionnaires["primary"]

    def session(child, day, breakfast=None, account="child", finished=True):
        started = f"{day.isoformat()}T10:00:00+00:00"
        session_id = store.sessions.start_session(
            db, child, primary, users["Sam"], started_at=started, account=account
        )
        if breakfast:
            store.sessions.save_answer(db, session_id, "had_breakfast", "school", breakfast, None)
        if finished:
            store.sessions.finish_session(db, session_id)
        return session_id

    for number in range(6):
        child = store.children.create_child(db, users["Sam"], f"Child {number}", "2018-05-01", None)
        store.casework.add_outcome(
            db, child, users["Sam"], "Breakfast", "had_breakfast", "school", ["yes"], None
        )
        if number < 5:
            session(child, this.previous.start + timedelta(days=3), breakfast="no")
        session(child, this.start, breakfast="yes", account="child" if number < 5 else "parent_carer")
    for number in range(2):
        child = store.children.create_child(db, users["Jo"], f"Jo's {number}", "2015-05-01", None)
        session(child, this.start + timedelta(days=1))
        session(child, this.start, finished=False)  # an unfinished session hears no one
    outside = store.children.create_child(db, users["Jo"], "Long ago", "2015-05-01", None)
    session(outside, this.previous.previous.start)
    return users


@pytest.fixture
def alex(client, db, partnership):
    administrator = Practitioners(client, db)
    administrator.sign_in("alex@example.org")
    return administrator


def test_an_administrator_reads_the_quarter_beside_the_one_before(alex, db):
    this = Quarter.of(clock.today())
    page = alex.client.get(f"/impact?quarter={this.slug}")
    assert page.status_code == 200
    assert "This quarter is not over" in page.text
    assert "8 children were heard this quarter" in page.text
    assert "The quarter before: 5." in page.text
    assert f"?quarter={this.previous.slug}" in page.text
    assert f"?quarter={this.next.slug}" not in page.text  # no quarter that has not begun
    # "=Risky" has 2 children heard: counted in all teams only, and named as such.
    assert "fewer than 5 of its children were heard: =Risky" in page.text
    assert "Whose account" in page.text and "Areas of care worth exploring" in page.text
    assert db.execute("SELECT detail FROM audit_log WHERE event = 'impact_report_viewed'").fetchone()


def test_the_quarter_before_reads_on_its_own_and_a_quarter_to_come_is_this_one(alex):
    this = Quarter.of(clock.today())
    before = alex.client.get(f"/impact?quarter={this.previous.slug}")
    assert "5 children were heard this quarter" in before.text
    assert f"?quarter={this.slug}" in before.text
    assert "This quarter is not over" not in before.text
    # Unless asked, and for a quarter to come or nonsense: the latest quarter that is over.
    for asked in ("", this.next.slug, "2026-q9", "<script>", "1969-q1"):
        assert "5 children were heard this quarter" in alex.client.get(f"/impact?quarter={asked}").text


def test_the_csv_says_what_the_page_says_and_runs_no_formula(alex):
    this = Quarter.of(clock.today())
    answer = alex.client.get(f"/impact/report.csv?quarter={this.slug}")
    assert answer.headers["Cache-Control"] == "no-store"
    assert f"impact-report-{this.slug}.csv" in answer.headers["Content-Disposition"]
    lines = answer.text.lstrip("\ufeff").splitlines()
    assert lines[0] == (
        "Quarter,Figure,Answer,All teams: children,All teams: per cent,North: children,North: per cent"
    )
    # North alone would tell "=Risky"'s 2 children from all teams' 8: hidden.
    assert f"{this.slug},Children heard,,8,,hidden," in lines
    # North's five children had breakfast at their latest session and not at their first: more outcomes met.
    # All teams' 5 beside North's 5 would say that none of "=Risky"'s did: all teams' count is shown, as the
    # whole is kept before a team's, and nothing is said of North's.
    assert f"{this.slug},Agreed outcomes,More outcomes met than at first,5,,not shown," in lines
    assert "=Risky" not in answer.text  # too small to be a column; and were it one, it would be '=Risky


def test_a_team_is_a_column_of_the_csv_with_its_name_made_safe(alex, db, partnership, questionnaires):
    risky = store.teams.team_of_practitioner(db, partnership["Jo"])["id"]
    for number in range(4):
        child = store.children.create_child(db, partnership["Jo"], f"More {number}", "2015-05-01", None)
        started = f"{Quarter.of(clock.today()).start.isoformat()}T09:00:00+00:00"
        session = store.sessions.start_session(
            db, child, questionnaires["primary"], partnership["Jo"], started_at=started
        )
        store.sessions.finish_session(db, session)
    assert risky
    this = Quarter.of(clock.today()).slug
    header = alex.client.get(f"/impact/report.csv?quarter={this}").text.lstrip("\ufeff").splitlines()[0]
    assert "'=Risky: children" in header and "North: children" in header
    page = alex.client.get(f"/impact?quarter={this}&team={risky}")
    assert "=Risky: 6 children were heard this quarter" in " ".join(page.text.split())


def test_an_account_an_administrator_lets_read_it_can_until_that_is_withdrawn(client, db, partnership):
    manager = Practitioners(client, db)
    manager.sign_in("morgan@example.org")
    assert client.get("/impact").status_code == 404
    assert ">Impact<" not in client.get("/team").text

    admin_client = client.application.test_client()
    alex = Practitioners(admin_client, db)
    alex.sign_in("alex@example.org")
    account = f"/admin/accounts/{partnership['Morgan']}"
    granted = alex.post(f"{account}/impact-report", {"reads": "yes"}, token_from=account)
    assert granted.status_code == 302
    assert "Morgan can now read the partnership" in admin_client.get(account).text

    assert client.get("/impact").status_code == 200  # at their next page, without signing in again
    assert ">Impact<" in client.get("/team").text
    alex.post(f"{account}/impact-report", {"reads": "no"}, token_from=account)
    assert client.get("/impact").status_code == 404
    assert client.get("/impact/report.csv").status_code == 404
    kinds = [row["event"] for row in db.execute("SELECT event FROM audit_log ORDER BY id").fetchall()]
    assert "impact_report_granted" in kinds and "impact_report_withdrawn" in kinds
    assert kinds.count("impact_report_viewed") == 1 and kinds[-1] == "access_refused"


def test_an_administrator_always_reads_it_and_the_grant_does_not_apply_to_them(alex, db, partnership):
    account = f"/admin/accounts/{partnership['Alex']}"
    assert "Administrators can always read it." in alex.client.get(account).text
    token = csrf_token(alex.client.get(account).text)
    alex.client.post(f"{account}/impact-report", data={"reads": "no", "csrf_token": token})
    assert alex.client.get("/impact").status_code == 200


def test_a_grant_without_the_form_token_changes_nothing(alex, db, partnership):
    alex.client.post(f"/admin/accounts/{partnership['Sam']}/impact-report", data={"reads": "yes"})
    assert not store.users.account_by_id(db, partnership["Sam"])["reads_impact_report"]


def test_the_report_follows_every_change_it_counts(alex, db, partnership, questionnaires):
    def heard() -> str:
        return next(line for line in csv_lines(alex) if ",Children heard," in line)

    assert ",Children heard,,8," in heard()
    this = Quarter.of(clock.today())
    child = store.children.create_child(db, partnership["Jo"], "New", "2015-05-01", None)
    started = f"{this.start.isoformat()}T11:00:00+00:00"
    session = store.sessions.start_session(
        db, child, questionnaires["primary"], partnership["Jo"], started_at=started
    )
    assert ",Children heard,,8," in heard()  # unfinished: no one heard yet
    store.sessions.finish_session(db, session)
    assert ",Children heard,,9," in heard()
    store.casework.add_outcome(
        db, child, partnership["Jo"], "Breakfast", "had_breakfast", "school", ["yes"], None
    )
    north = store.teams.team_of_practitioner(db, partnership["Sam"])["id"]
    store.teams.remove_member(db, north, partnership["Sam"])  # North's children now belong to no team
    lines = csv_lines(alex)
    assert "North" not in lines[0] and ",Children heard,,9," in heard()
    store.children.erase_child(db, child)  # their sessions go with them, and out of every count
    assert ",Children heard,,8," in heard()


def csv_lines(client_user) -> list[str]:
    this = Quarter.of(clock.today()).slug
    return client_user.client.get(f"/impact/report.csv?quarter={this}").text.lstrip("\ufeff").splitlines()


def test_a_quarter_changes_version_only_when_what_it_counts_can_change(db, partnership, questionnaires):
    this = Quarter.of(clock.today())
    child = store.children.create_child(db, partnership["Sam"], "Another", "2018-05-01", None)
    before = store.impact.report_version(db, this.previous.slug)
    now = store.impact.report_version(db, this.slug)
    session = store.sessions.start_session(
        db,
        child,
        questionnaires["primary"],
        partnership["Sam"],
        started_at=f"{this.start.isoformat()}T12:00:00+00:00",
    )
    store.sessions.finish_session(db, session)
    assert store.impact.report_version(db, this.previous.slug) == before  # the quarter before stands
    assert store.impact.report_version(db, this.slug) != now
    store.casework.add_outcome(
        db, child, partnership["Sam"], "Bedtime", "bedtime_time", "school", ["19:00"], None
    )
    assert store.impact.report_version(db, this.previous.slug) != before  # outcomes compare across quarters

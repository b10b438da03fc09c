"""GOV.UK Notify as the way mail goes: the official client against a local fake of Notify's HTTP API only."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest

from dayinmylife.notify.mail import Message, NotSent, send_by_notify, sender

SERVICE, SECRET = str(uuid.uuid4()), str(uuid.uuid4())
API_KEY = f"day_in_my_life_test-{SERVICE}-{SECRET}"
TEMPLATE = str(uuid.uuid4())


class FakeNotify(BaseHTTPRequestHandler):
    """POST /v2/notifications/email as Notify answers it, for a request signed with the service's key."""

    received: list[dict] = []
    status = 201

    def do_POST(self):  # noqa: N802 (http.server's name)
        token = self.headers["Authorization"].removeprefix("Bearer ")
        claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeNotify.received.append({"path": self.path, "issuer": claims["iss"], **body})
        answer = {"id": str(uuid.uuid4()), "content": {}, "template": {"id": TEMPLATE, "version": 1}}
        if FakeNotify.status != 201:
            answer = {"status_code": FakeNotify.status, "errors": [{"error": "Exception", "message": "down"}]}
        payload = json.dumps(answer).encode()
        self.send_response(FakeNotify.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def notify():
    FakeNotify.received, FakeNotify.status = [], 201
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {
        "NOTIFY_API_KEY": API_KEY,
        "NOTIFY_TEMPLATE_ID": TEMPLATE,
        "NOTIFY_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}",
    }
    server.shutdown()
    server.server_close()


def test_a_message_goes_to_notify_signed_with_the_services_key(notify):
    assert sender(notify) is not None  # no SMTP host: Notify sends
    send_by_notify(
        notify, Message("sam@example.org", "An alert about a child you work with", "Open it:\n\nlink\n")
    )
    [request] = FakeNotify.received
    assert request["path"] == "/v2/notifications/email" and request["issuer"] == SERVICE
    assert request["email_address"] == "sam@example.org" and request["template_id"] == TEMPLATE
    assert request["personalisation"] == {
        "subject": "An alert about a child you work with",
        "body": "Open it:\n\nlink\n",
    }


def test_notify_refusing_a_message_is_a_send_to_try_again(notify):
    FakeNotify.status = 500
    with pytest.raises(NotSent, match="GOV.UK Notify"):
        send_by_notify(notify, Message("sam@example.org", "Subject", "Body"))


def test_notify_out_of_reach_is_a_send_to_try_again(notify):
    with pytest.raises(NotSent):
        send_by_notify(
            {**notify, "NOTIFY_BASE_URL": "http://127.0.0.1:1"}, Message("sam@example.org", "S", "B")
        )

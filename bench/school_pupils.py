"""Simulated pupils, driven by Locust as a library; run in its own process (Locust patches the process with gevent).

    python -m bench.school_pupils SETTINGS_JSON RESULT_JSON

settings: host, pupils, spawn_rate, think (mean seconds a question; each wait is uniform 0.5x-1.5x), code,
deadline (seconds: the run stops then whatever happens), mode ("school": join and answer the whole
questionnaire; "join": join and open the first question, then leave; "floor": `steps` GET + POST pairs against bench/floor_app.py), retry (keep retrying a request
that fails, as a pupil presses the button again: used in the crash run), loop (optional: each simulated pupil
starts again as a new pupil after finishing, until the deadline: a closed loop, for bench_saturation).

Writes the result: per request name its count, failures, p50/p95/p99 ms and requests per second; every
answer acknowledged (a 302 after the POST) with the time it was acknowledged; how many pupils finished.
"""

import html
import json
import random
import re
import statistics
import sys
import time

import gevent
from locust import HttpUser, constant, task
from locust.env import Environment
from locust.exception import StopUser

SETTINGS: dict = {}
ACKNOWLEDGED: list = []  # [session_id, question_id, day_slug, acknowledged at]
FINISHED = {"pupils": 0, "gave_up": 0}
REQUESTS_PER_PUPIL: list = []  # how many requests each finished pupil made, start to end
QUESTION_URL = re.compile(r"/day/(\d+)/([a-z-]+)/([^/?]+)")
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
CHOICES = re.compile(r'<input type="(radio|checkbox)" name="answer" value="([^"]+)"')
SOURCES = re.compile(r'<input type="radio" name="source" value="([^"]+)"')
GROUPS = re.compile(r'<input type="radio" name="group" id="[^"]+" value="([^"]+)"')
FIRST_QUESTION = re.compile(r'<a class="button button--go" href="([^"]+)"')
OWN_WORDS = ["I like playtime.", "My nan makes tea.", "We play football after school."]


class GaveUp(Exception):
    pass


class Pupil(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        # The app's session cookie is Secure (production sits behind TLS): on plain-HTTP loopback the cookie
        # jar would keep it back, so each pupil sends it by hand, as their browser would over HTTPS.
        self.cookie = None

    @task
    def answer_everything(self):
        """Join with the code, answer every question at a child's pace, finish; then leave."""
        self.cookie = None  # a new pupil each time round (the closed loop's next interview)
        self.requests = 0
        try:
            if SETTINGS["mode"] == "floor":
                self._floor()
            else:
                self._school()
            FINISHED["pupils"] += 1
            REQUESTS_PER_PUPIL.append(self.requests)
        except GaveUp:
            FINISHED["gave_up"] += 1
        if SETTINGS.get("loop"):  # saturation: the next interview at once
            return
        # Stay until the run ends: Locust replaces a pupil who stops while it is still starting the others, and
        # a whole school joining is this many pupils, not more.
        gevent.sleep(max(0.0, SETTINGS["stop_at"] - time.time()))
        raise StopUser()

    def _think(self):
        gevent.sleep(SETTINGS["think"] * random.uniform(0.5, 1.5))

    def _request(self, method, url, name, expect, **kwargs):
        """One request; with retry on, try again (as a pupil presses again) until it works or time runs out."""
        while True:
            self.requests += 1
            headers = {"Cookie": self.cookie} if self.cookie else {}
            with self.client.request(
                method, url, name=name, allow_redirects=False, catch_response=True, headers=headers, **kwargs
            ) as response:
                if "Set-Cookie" in response.headers:
                    self.cookie = response.headers["Set-Cookie"].split(";", 1)[0]
                if response.status_code == expect:
                    response.success()
                    return response
                response.failure(f"{response.status_code} instead of {expect}")
            if not SETTINGS["retry"] or time.time() > SETTINGS["stop_at"]:
                raise GaveUp()
            gevent.sleep(1)

    def _school(self):
        page = self._request("GET", "/join/", "join: code page", 200).text
        data = {"csrf_token": CSRF.search(page).group(1), "code": SETTINGS["code"]}
        self._request("POST", "/join/", "join: code", 302, data=data)
        page = self._request("GET", "/join/start", "join: group page", 200).text
        data = {"csrf_token": CSRF.search(page).group(1), "action": "start"}
        groups = GROUPS.findall(page)
        if groups:
            data["group"] = random.choice(groups)
        where = self._request("POST", "/join/start", "join: start", 302, data=data).headers["Location"]
        page = self._request("GET", where, "start page", 200).text
        where = html.unescape(FIRST_QUESTION.search(page).group(1))
        while not QUESTION_URL.search(where):  # who will see the answers, before the first question
            page = self._request("GET", where, "who will see", 200).text
            where = html.unescape(FIRST_QUESTION.search(page).group(1))
        if (
            SETTINGS["mode"] == "join"
        ):  # a whole school starting at once: joined once the first question shows
            self._request("GET", where, "question page", 200)
            return
        while QUESTION_URL.search(where):
            page = self._request("GET", where, "question page", 200).text
            self._think()
            answered = self._request("POST", where, "answer", 302, data=_answer(page))
            session_id, day_slug, question_id = QUESTION_URL.search(where).groups()
            ACKNOWLEDGED.append([int(session_id), question_id, day_slug, time.time()])
            where = answered.headers["Location"]
        page = self._request("GET", where, "review page", 200).text
        finish = re.search(r'<form method="post" action="([^"]+/finish)"', page).group(1)
        data = {"csrf_token": CSRF.search(page).group(1)}
        thanks = self._request("POST", finish, "finish", 302, data=data).headers["Location"]
        self._request("GET", thanks, "thanks page", 200)

    def _floor(self):
        pupil = random.getrandbits(48)
        for step in range(SETTINGS["steps"]):
            url = f"/floor/{pupil}/{step}"
            page = self._request("GET", url, "question page", 200).text
            self._think()
            data = {"csrf_token": CSRF.search(page).group(1), "answer": "yes"}
            self._request("POST", url, "answer", 302, data=data)
            ACKNOWLEDGED.append([pupil, str(step), "floor", time.time()])


def _answer(page: str) -> dict:
    """A valid answer for the question on the page: one card (radio or checkbox), or own words."""
    data = {"csrf_token": CSRF.search(page).group(1), "action": "continue"}
    choices = CHOICES.findall(page)
    if choices:
        data["answer"] = html.unescape(random.choice(choices)[1])
    else:
        data["answer"] = random.choice(OWN_WORDS)
    sources = SOURCES.findall(page)
    if sources:
        data["source"] = html.unescape(sources[0])
    return data


def _figures(stats, seconds: float) -> dict:
    figures = {}
    for (name, _method), entry in stats.entries.items():
        figures[name] = {
            "count": entry.num_requests,
            "failures": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
            "rps": round(entry.num_requests / seconds, 1) if seconds else 0,
        }
    return figures


def main(settings_path: str, result_path: str) -> None:
    with open(settings_path) as file:
        SETTINGS.update(json.load(file))
    started = time.time()
    SETTINGS["stop_at"] = started + SETTINGS["deadline"]
    Pupil.host = SETTINGS["host"]
    environment = Environment(user_classes=[Pupil])
    runner = environment.create_local_runner()
    runner.start(SETTINGS["pupils"], spawn_rate=SETTINGS["spawn_rate"])
    while time.time() < SETTINGS["stop_at"] and (
        SETTINGS.get("loop") or FINISHED["pupils"] + FINISHED["gave_up"] < SETTINGS["pupils"]
    ):
        gevent.sleep(0.25)
    seconds = time.time() - started
    runner.quit()
    total = environment.stats.total
    result = {
        "requests": _figures(environment.stats, seconds),
        "all_requests": {
            "count": total.num_requests,
            "p50_ms": total.get_response_time_percentile(0.5),
            "p95_ms": total.get_response_time_percentile(0.95),
            "rps": round(total.num_requests / seconds, 1) if seconds else 0,
        },
        "all_failures": environment.stats.total.num_failures,
        "failure_reasons": {
            f"{error.method} {error.name}: {error.error}": error.occurrences
            for error in environment.stats.errors.values()
        },
        "acknowledged": ACKNOWLEDGED,
        "finished": FINISHED["pupils"],
        "requests_per_pupil": round(statistics.mean(REQUESTS_PER_PUPIL), 1) if REQUESTS_PER_PUPIL else 0,
        "gave_up": FINISHED["gave_up"],
        "seconds": round(seconds, 1),
    }
    with open(result_path, "w") as file:
        json.dump(result, file)


if __name__ == "__main__":
    main(*sys.argv[1:3])

"""`python -m generator fetch` against a local server playing recorded responses."""

import datetime as dt
import gzip
import http.server
import json
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES, generator

DAILY = (FIXTURES.parent / "hf" / "daily.json").read_bytes()
DAY = "2025-11-05"


class Script(http.server.BaseHTTPRequestHandler):
    """Answers each request with the next recorded response: (status, body, headers)."""

    responses: list = []
    seen: list = []

    routes: dict = {}  # path -> body, answered before `responses`

    def do_GET(self):
        self.seen.append(self.path)
        if self.path in self.routes:
            status, body, headers = 200, self.routes[self.path], {}
        else:
            status, body, headers = (
                self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
            )
        self.send_response(status)
        length = headers.pop("Content-Length", len(body))
        self.send_header("Content-Length", str(length))
        self.send_header("Content-Type", "application/json")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        if length != len(body):
            self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    """Start a server; `api(responses)` sets what it answers and gives its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Script)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def play(*responses):
        Script.responses = [(s, b, dict(h)) for s, b, h in responses]
        Script.seen = []
        Script.routes = {}
        return f"http://127.0.0.1:{server.server_address[1]}/api"

    yield play
    server.shutdown()


def fetch(url: str, dumps: Path, *extra: str, what: tuple[str, ...] = ("--date", DAY)):
    return generator(
        "fetch",
        *what,
        "--dumps",
        str(dumps),
        "--api",
        url,
        "--backoff",
        "0",
        *extra,
        cwd=dumps.parent,
    )


@pytest.fixture
def dumps(tmp_path):
    folder = tmp_path / "dumps"
    folder.mkdir()
    return folder


def test_a_day_is_saved_as_the_api_gave_it(api, dumps):
    result = fetch(api((200, DAILY, {})), dumps)
    assert result.returncode == 0, result.stderr
    saved = dumps / f"{DAY}-hf-daily.json"
    assert saved.read_bytes() == DAILY
    assert Script.seen == [f"/api/daily_papers?date={DAY}"]
    assert f"{saved}: 2 papers" in result.stderr


def test_too_many_requests_is_retried(api, dumps):
    result = fetch(api((429, b"slow down", {"Retry-After": "0"}), (200, DAILY, {})), dumps)
    assert result.returncode == 0, result.stderr
    assert len(Script.seen) == 2 and (dumps / f"{DAY}-hf-daily.json").read_bytes() == DAILY


@pytest.mark.parametrize(
    "response, expected",
    [
        ((500, b"oops", {}), "HTTP 500 after 2 retries"),
        ((200, DAILY[: len(DAILY) // 2], {"Content-Length": len(DAILY)}), "daily_papers"),
        ((200, b"[{not json", {}), "not valid JSON"),
        ((200, json.dumps({"error": "Invalid date"}).encode(), {}), "not a usable list of papers"),
        (
            (200, json.dumps([{"paper": {"summary": "No title here at all."}}]).encode(), {}),
            "item 1: paper.title is missing",
        ),
    ],
    ids=["server error", "truncated body", "invalid JSON", "wrong shape", "item without a title"],
)
def test_a_failed_fetch_is_one_line_and_writes_nothing(api, dumps, response, expected):
    result = fetch(api(response), dumps, "--retries", "2")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and expected in line
    assert list(dumps.iterdir()) == []
    if response[0] == 500:
        assert len(Script.seen) == 3  # the first try and two retries


def test_a_day_without_papers_writes_nothing_and_says_so(api, dumps):
    result = fetch(api((200, b"[]", {})), dumps)
    assert result.returncode == 0
    assert result.stderr.strip() == f"no papers on {DAY}; nothing written"
    assert list(dumps.iterdir()) == []


def test_an_existing_dump_is_replaced_whole_or_not_at_all(api, dumps):
    saved = dumps / f"{DAY}-hf-daily.json"
    saved.write_bytes(DAILY)
    assert fetch(api((200, b"[{broken", {})), dumps).returncode == 1
    assert saved.read_bytes() == DAILY and [p.name for p in dumps.iterdir()] == [saved.name]


REAL_DAY = (FIXTURES.parent / "hf" / "daily_2025.json").read_bytes()


def test_a_real_day_with_empty_keywords_and_an_unusable_item_is_saved_and_noted(api, dumps):
    """The API's `"ai_keywords": [""]` is an ordinary value; an item with an empty
    title is left out with a note, and the day is saved whole, as the API gave it."""
    result = fetch(api((200, REAL_DAY, {})), dumps)
    assert result.returncode == 0, result.stderr
    saved = dumps / f"{DAY}-hf-daily.json"
    assert saved.read_bytes() == REAL_DAY
    assert result.stderr.splitlines() == [
        f"note: {saved.name}: item 4: paper.title is missing",
        f"{saved}: 3 papers",
    ]


def _item(arxiv_id: str, day: str) -> dict:
    return {
        "paper": {
            "id": arxiv_id,
            "title": f"Paper {arxiv_id}",
            "summary": f"The abstract of paper {arxiv_id}.",
            "submittedOnDailyAt": f"{day}T08:00:00.000Z",
            "upvotes": 1,
        }
    }


def test_a_backfill_asks_month_by_month_and_saves_each_day_once(api, dumps):
    url = api((404, b"{}", {}))
    days = {
        "2025-09-30": ["2509.00001"],
        "2025-10-01": ["2510.00001", "2510.00002"],
        "2025-10-02": ["2510.00003"],
    }
    items = {
        month: [_item(i, d) for d, ids in days.items() if d.startswith(month) for i in ids]
        for month in ("2025-09", "2025-10")
    }
    for month, listed in items.items():
        for page in range(3):
            Script.routes[f"/api/daily_papers?month={month}&p={page}&limit=100"] = json.dumps(
                listed[page * 100 : page * 100 + 100]
            ).encode()
    (dumps / "2025-10-02-hf-daily.json").write_bytes(b"[]")  # saved already: skipped, not replaced
    result = fetch(url, dumps, what=("--since", "2025-09-30", "--until", "2025-10-02"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in dumps.iterdir()) == [
        "2025-09-30-hf-daily.json",
        "2025-10-01-hf-daily.json",
        "2025-10-02-hf-daily.json",
    ]
    assert [
        i["paper"]["id"] for i in json.loads((dumps / "2025-10-01-hf-daily.json").read_text())
    ] == ["2510.00001", "2510.00002"]
    assert (dumps / "2025-10-02-hf-daily.json").read_bytes() == b"[]"
    assert "2 days saved from 2025-09-30 to 2025-10-02" in result.stderr
    assert Script.seen == [
        "/api/daily_papers?month=2025-09&p=0&limit=100",
        "/api/daily_papers?month=2025-10&p=0&limit=100",
    ]
    # Run again: every day is saved, no request is made.
    Script.seen = []
    again = fetch(url, dumps, what=("--since", "2025-10-01", "--until", "2025-10-02"))
    assert again.returncode == 0 and Script.seen == [] and "0 days saved" in again.stderr


def test_a_backfill_follows_the_pages(api, dumps, monkeypatch):
    from generator.read import fetch as fetching

    url = api((404, b"{}", {}))
    monkeypatch.setattr(fetching, "PAGE_SIZE", 2)
    listed = [_item(f"2510.0000{k}", "2025-10-01") for k in range(1, 6)]
    for page in range(4):
        Script.routes[f"/api/daily_papers?month=2025-10&p={page}&limit=2"] = json.dumps(
            listed[page * 2 : page * 2 + 2]
        ).encode()
    [fetched] = fetching.fetch_range(
        dt.date(2025, 10, 1), dt.date(2025, 10, 1), dumps, api=url, backoff=0
    )
    assert fetched.papers == 5 and len(Script.seen) == 3  # pages of 2, 2 and 1


def test_one_paper_is_saved_with_the_hub_repositories_citing_it(api, dumps):
    body = (FIXTURES.parent / "hf" / "paper_2510.17001.json").read_bytes()
    result = fetch(api((200, body, {})), dumps, what=("--paper", "2510.17001"))
    assert result.returncode == 0, result.stderr
    assert Script.seen == ["/api/papers/2510.17001"]
    [saved] = dumps.iterdir()
    assert saved.name.endswith("-hf-paper-2510.17001.json") and saved.read_bytes() == body
    bad = generator("fetch", "--paper", "../etc", "--dumps", str(dumps), cwd=dumps.parent)
    assert bad.returncode == 1 and bad.stderr.startswith("error: --paper: expected an arXiv id")


# ---------------------------------------------------------------- limits


class Hostile(http.server.BaseHTTPRequestHandler):
    """Answers as a hostile or broken server would: slowly, hugely, elsewhere."""

    def do_GET(self):
        if self.path.startswith("/api/slow"):
            self.send_response(200)
            self.send_header("Content-Length", "30")
            self.end_headers()
            for _ in range(30):  # a byte a tenth of a second: no read ever times out
                try:
                    self.wfile.write(b"[")
                    self.wfile.flush()
                except OSError:
                    return
                threading.Event().wait(0.1)
        elif self.path.startswith("/api/bomb"):
            body = gzip.compress(b" " * (3 * 1024 * 1024))  # 3 MB of spaces, 3 KB on the wire
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/api/away"):
            self.send_response(302)
            self.send_header("Location", "http://elsewhere.example/api/daily_papers")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/api/moved"):
            self.send_response(301)
            self.send_header("Location", "/api/daily_papers?date=2025-11-05")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(200)
            self.send_header("Content-Length", str(len(DAILY)))
            self.end_headers()
            self.wfile.write(DAILY)

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()


def test_a_response_that_trickles_is_cut_at_the_deadline(hostile, monkeypatch):
    from generator.read import fetch as fetching

    monkeypatch.setattr(fetching, "DEADLINE", 1.0)
    with pytest.raises(fetching.FetchError, match=r"/api/slow: no whole response within 1 s$"):
        fetching.Client(hostile, retries=0).get("slow")


def test_a_response_past_the_size_cap_decompressed_is_not_read(hostile, monkeypatch):
    from generator.read import fetch as fetching

    monkeypatch.setattr(fetching, "MAX_RESPONSE_BYTES", 1024 * 1024)
    with pytest.raises(
        fetching.FetchError, match=r"/api/bomb: a response of more than 1.0 MB; not read$"
    ):
        fetching.Client(hostile, retries=0).get("bomb")


def test_a_redirect_is_followed_only_within_the_apis_host(hostile):
    from generator.read import fetch as fetching

    with pytest.raises(
        fetching.FetchError,
        match=r"redirected to another host \(elsewhere.example\); not followed$",
    ):
        fetching.Client(hostile, retries=0).get("away")
    url, data = fetching.Client(hostile, retries=0).get("moved")
    assert data == DAILY and url.endswith("/api/daily_papers?date=2025-11-05")


def test_retry_after_is_obeyed_up_to_a_minute():
    from generator.read import fetch as fetching

    retry = fetching._session(3, 0).get_adapter("https://huggingface.co").max_retries
    assert retry.parse_retry_after("100000") == fetching.MAX_RETRY_AFTER == 60
    assert retry.parse_retry_after("2") == 2

"""`python -m generator fetch` against a local server playing recorded responses."""

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

    def do_GET(self):
        self.seen.append(self.path)
        status, body, headers = self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
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
        return f"http://127.0.0.1:{server.server_address[1]}/api"

    yield play
    server.shutdown()


def fetch(url: str, dumps: Path, *extra: str):
    return generator("fetch", "--date", DAY, "--dumps", str(dumps), "--api", url, "--backoff", "0", *extra, cwd=dumps.parent)


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
        ((200, json.dumps([{"paper": {"summary": "No title here at all."}}]).encode(), {}), "item 1: paper.title is missing"),
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

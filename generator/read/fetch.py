"""Fetching papers from the Hugging Face papers API into `dumps/`.

- a day: `GET /api/daily_papers?date=YYYY-MM-DD`, saved as the API gave it, as
  `YYYY-MM-DD-hf-daily.json` (the file name carries the capture date);
- a range of days (a backfill): `GET /api/daily_papers?month=YYYY-MM&p=N&limit=100`,
  page after page, one request at a time; each day's items (by
  `submittedOnDailyAt`) saved as that day's file, as a day's fetch would name
  it. A day already saved is skipped, so a backfill cut short is resumed by
  running it again;
- one paper: `GET /api/papers/{id}` (with the Hub's models, datasets and Spaces
  that cite it), saved as `YYYY-MM-DD-hf-paper-<id>.json`, dated today.

Timeouts, 429 and 5xx answers are retried with exponential backoff (urllib3's
Retry, which also honours Retry-After). Every response is read by the same
reader as the dumps before anything is written, and written atomically: a
response that is not a list of papers never becomes a file, while one whose
items are partly unusable is saved, the reader's notes naming what it left out
(the build notes them too, and still builds the rest).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ..publish.write import write_atomic
from .hf_json import EMPTY_LIST, listed_on, parse_json_dump
from .limits import MAX_FILE_BYTES, megabytes

API = "https://huggingface.co/api"
RETRIED = (429, 500, 502, 503, 504)
# Limits of one request (README: "Fetching"): a slow or huge answer is one line, not a hang.
DEADLINE = 120.0  # seconds for a response's whole body
MAX_RESPONSE_BYTES = MAX_FILE_BYTES  # decompressed: a gzip bomb stops here
MAX_RETRY_AFTER = 60.0  # seconds a server may make us wait before a retry
MAX_REDIRECTS = 3
CHUNK_BYTES = 64 * 1024
PAGE_SIZE = 100  # items a page of a month's list (the API's largest page)
MAX_PAGES = 200  # of one month: far more than any month has had


class FetchError(Exception):
    """Nothing could be fetched: one line saying why."""


@dataclass(frozen=True)
class Fetched:
    path: Path | None  # the dump written; None when the day had no papers
    papers: int
    changed: bool = True
    notes: tuple[str, ...] = ()  # what the reader left out of the response


def dump_name(day: dt.date) -> str:
    return f"{day.isoformat()}-hf-daily.json"


def paper_dump_name(day: dt.date, arxiv_id: str) -> str:
    return f"{day.isoformat()}-hf-paper-{arxiv_id.replace('/', '_')}.json"


class _CappedRetry(Retry):
    """urllib3's Retry, a server's Retry-After cut to MAX_RETRY_AFTER seconds
    (`Retry-After: 100000` would hold the daily fetch for a day)."""

    def parse_retry_after(self, retry_after: str) -> float:
        return min(super().parse_retry_after(retry_after), MAX_RETRY_AFTER)


def _session(retries: int, backoff: float) -> requests.Session:
    retry = _CappedRetry(
        total=retries,
        backoff_factor=backoff,
        status_forcelist=RETRIED,
        allowed_methods=["GET"],
        respect_retry_after_header=True,
        raise_on_status=False,
        backoff_max=MAX_RETRY_AFTER,
        redirect=0,  # (redirects are followed by Client.get, within the API's host)
    )
    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.headers["User-Agent"] = "paper-catalogue (python -m generator fetch)"
    return session


class Client:
    """GET requests to the API, retried; every failure a FetchError."""

    def __init__(self, api: str = API, retries: int = 5, backoff: float = 2.0, timeout: float = 30):
        self.api, self.retries, self.timeout = api.rstrip("/"), retries, timeout
        self.session = _session(retries, backoff)

    def get(self, path: str, params: dict | None = None) -> tuple[str, bytes]:
        """(the URL asked, the response's body) of a 200 answer; a redirect is
        followed only within the API's host."""
        url = f"{self.api}/{path}"
        for _ in range(MAX_REDIRECTS + 1):
            response, data = self._get(url, params)
            if not response.is_redirect:
                break
            target = urljoin(response.url, response.headers.get("Location", ""))
            if urlsplit(target).netloc != urlsplit(self.api).netloc:
                host = urlsplit(target).netloc
                raise FetchError(f"{url}: redirected to another host ({host}); not followed")
            url, params = target, None
        if response.status_code != 200:
            raise FetchError(f"{url}: HTTP {response.status_code} after {self.retries} retries")
        return url, data

    def _get(self, url: str, params: dict | None) -> tuple[requests.Response, bytes]:
        """One request (retried as the session says): the response and its body, read
        within DEADLINE seconds and MAX_RESPONSE_BYTES decompressed."""
        deadline = threading.Event()
        try:
            with self.session.get(
                url, params=params, timeout=self.timeout, stream=True, allow_redirects=False
            ) as response:
                # A body sent a byte at a time never times out a read: a timer closes it.
                timer = threading.Timer(DEADLINE, lambda: (deadline.set(), response.close()))
                timer.start()
                try:
                    body, size = [], 0
                    for chunk in response.iter_content(CHUNK_BYTES):
                        size += len(chunk)
                        if size > MAX_RESPONSE_BYTES:
                            raise FetchError(
                                f"{url}: a response of more than {megabytes(MAX_RESPONSE_BYTES)}; "
                                "not read"
                            )
                        body.append(chunk)
                finally:
                    timer.cancel()
                return response, b"".join(body)
        except requests.exceptions.RetryError as exc:
            raise FetchError(
                f"{url}: still failing after {self.retries} retries ({_reason(exc)})"
            ) from None
        except (requests.exceptions.RequestException, OSError, AttributeError, ValueError) as exc:
            if deadline.is_set():
                raise FetchError(f"{url}: no whole response within {DEADLINE:.0f} s") from None
            raise FetchError(f"{url}: {_reason(exc)}") from None


def save(url: str, data: bytes, path: Path, day: dt.date | None) -> Fetched:
    """Write `data` to `path` if the reader finds papers in it; a FetchError if
    it is not a list of papers, or none of its items can be used."""
    result = parse_json_dump(data, path.name, day)
    if result.problems:
        more = f" (and {len(result.problems) - 1} more)" if len(result.problems) > 1 else ""
        raise FetchError(
            f"{url}: the response is not a usable list of papers: {result.problems[0]}{more}"
        )
    notes = tuple(str(n) for n in result.notes)
    if not result.papers:
        if [n.message for n in result.notes] != [EMPTY_LIST]:  # (a day without papers: not saved)
            raise FetchError(f"{url}: none of its items could be read: {notes[0]}")
        return Fetched(None, 0)
    if path.is_file() and path.read_bytes() == data:
        return Fetched(path, len(result.papers), changed=False, notes=notes)
    write_atomic(path, data)
    return Fetched(path, len(result.papers), notes=notes)


def fetch_daily(
    day: dt.date,
    dumps_dir: Path,
    api: str = API,
    retries: int = 5,
    backoff: float = 2.0,
    timeout: float = 30,
) -> Fetched:
    """Save `day`'s daily papers in `dumps_dir`; a FetchError says why not."""
    url, data = Client(api, retries, backoff, timeout).get(
        "daily_papers", {"date": day.isoformat()}
    )
    return save(url, data, dumps_dir / dump_name(day), day)


def fetch_paper(
    arxiv_id: str,
    dumps_dir: Path,
    api: str = API,
    retries: int = 5,
    backoff: float = 2.0,
    timeout: float = 30,
    today: dt.date | None = None,
) -> Fetched:
    """Save one paper's response (with the Hub repositories citing it), dated today."""
    day = today or dt.datetime.now(dt.UTC).date()
    url, data = Client(api, retries, backoff, timeout).get(f"papers/{arxiv_id}")
    return save(url, data, dumps_dir / paper_dump_name(day, arxiv_id), day)


def _months(since: dt.date, until: dt.date) -> list[tuple[int, int]]:
    months, (year, month) = [], (since.year, since.month)
    while (year, month) <= (until.year, until.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def fetch_range(
    since: dt.date,
    until: dt.date,
    dumps_dir: Path,
    api: str = API,
    retries: int = 5,
    backoff: float = 2.0,
    timeout: float = 30,
    progress=lambda _: None,
) -> list[Fetched]:
    """Save every day from `since` to `until` not saved yet, a month's list at a
    time; what was written, day by day."""
    client = Client(api, retries, backoff, timeout)
    written: list[Fetched] = []
    for year, month in _months(since, until):
        days = [d for d in _days_of(year, month) if since <= d <= until]
        missing = [d for d in days if not (dumps_dir / dump_name(d)).exists()]
        if not missing:
            progress(f"{year}-{month:02d}: every day saved already")
            continue
        by_day: dict[dt.date, list] = {}
        url = ""
        seen_ids: set = set()
        for page in range(MAX_PAGES):
            url, data = client.get(
                "daily_papers", {"month": f"{year}-{month:02d}", "p": page, "limit": PAGE_SIZE}
            )
            try:
                items = json.loads(data.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise FetchError(f"{url}: the response is not valid JSON") from None
            if not isinstance(items, list):
                raise FetchError(f"{url}: the response is not a list of papers")
            new = [i for i in items if _key(i) not in seen_ids]
            seen_ids.update(_key(i) for i in new)
            for item in new:
                by_day.setdefault(listed_on(item), []).append(item)
            if len(items) < PAGE_SIZE or not new:  # the last page (or an API that ignores `p`)
                break
        undated = len(by_day.pop(None, []))
        if undated:
            progress(
                f"{url}: {undated} items with no day on the list (submittedOnDailyAt), left out"
            )
        for day in missing:
            if day in by_day:
                data = json.dumps(by_day[day], ensure_ascii=False, indent=1).encode()
                fetched = save(f"{url} ({day.isoformat()})", data, dumps_dir / dump_name(day), day)
                written.append(fetched)
                progress(f"{fetched.path}: {fetched.papers} papers")
                for note in fetched.notes:
                    progress(f"note: {note}")
    return written


def _key(item: object) -> str:
    paper = item.get("paper", item) if isinstance(item, dict) else None
    paper_id = paper.get("id") if isinstance(paper, dict) else None
    return paper_id if isinstance(paper_id, str) else json.dumps(item, sort_keys=True)


def _days_of(year: int, month: int) -> list[dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return [first + dt.timedelta(days=k) for k in range((following - first).days)]


def _reason(exc: Exception) -> str:
    """The innermost reason of a requests error, in a few words."""
    reason = exc
    while reason.args and isinstance(reason.args[0], Exception):
        reason = reason.args[0]
    text = str(getattr(reason, "reason", None) or reason)
    return (text.splitlines() or [type(reason).__name__])[0][:200]

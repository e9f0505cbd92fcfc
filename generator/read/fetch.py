"""Fetching a day's papers from the Hugging Face papers API into `dumps/`.

`GET /api/daily_papers?date=YYYY-MM-DD`, saved as the API gave it, as
`YYYY-MM-DD-hf-daily.json`: the file name carries the capture date. Timeouts,
429 and 5xx answers are retried with exponential backoff (urllib3's Retry,
which also honours Retry-After); the response is read by the same reader as
the dumps before anything is written, and written atomically, so a partial or
invalid response never becomes a file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ..publish.write import write_atomic
from .hf_json import parse_json_dump

API = "https://huggingface.co/api"
RETRIED = (429, 500, 502, 503, 504)


class FetchError(Exception):
    """The day could not be fetched: one line saying why."""


@dataclass(frozen=True)
class Fetched:
    path: Path | None  # the dump written; None when the day had no papers
    papers: int
    changed: bool = True


def dump_name(day: dt.date) -> str:
    return f"{day.isoformat()}-hf-daily.json"


def _session(retries: int, backoff: float) -> requests.Session:
    retry = Retry(
        total=retries,
        backoff_factor=backoff,
        status_forcelist=RETRIED,
        allowed_methods=["GET"],
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.headers["User-Agent"] = "paper-catalogue (python -m generator fetch)"
    return session


def fetch_daily(
    day: dt.date, dumps_dir: Path, api: str = API, retries: int = 5, backoff: float = 2.0, timeout: float = 30
) -> Fetched:
    """Save `day`'s daily papers in `dumps_dir`; a FetchError says why not."""
    url = f"{api.rstrip('/')}/daily_papers"
    try:
        response = _session(retries, backoff).get(url, params={"date": day.isoformat()}, timeout=timeout)
        data = response.content
    except requests.exceptions.RetryError as exc:
        raise FetchError(f"{url}: still failing after {retries} retries ({_reason(exc)})") from None
    except requests.exceptions.RequestException as exc:
        raise FetchError(f"{url}: {_reason(exc)}") from None
    if response.status_code != 200:
        raise FetchError(f"{url}: HTTP {response.status_code} after {retries} retries")
    name = dump_name(day)
    result = parse_json_dump(data, name, day)
    if result.problems:
        more = f" (and {len(result.problems) - 1} more)" if len(result.problems) > 1 else ""
        raise FetchError(f"{url}: the response is not a usable list of papers: {result.problems[0]}{more}")
    if not result.papers:
        return Fetched(None, 0)
    path = dumps_dir / name
    if path.is_file() and path.read_bytes() == data:
        return Fetched(path, len(result.papers), changed=False)
    write_atomic(path, data)
    return Fetched(path, len(result.papers))


def _reason(exc: Exception) -> str:
    """The innermost reason of a requests error, in a few words."""
    reason = exc
    while reason.args and isinstance(reason.args[0], Exception):
        reason = reason.args[0]
    text = str(getattr(reason, "reason", None) or reason)
    return (text.splitlines() or [type(reason).__name__])[0][:200]

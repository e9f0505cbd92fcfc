"""Capture dates of dumps, and the dates written inside them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

MANIFEST_NAME = "captures.yml"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = "(" + "|".join(MONTHS) + ")"

# `May 19` alone: the page date line of a listing page.
PAGE_DATE_RE = re.compile(rf"^{_MONTH} (\d{{1,2}})$")
# `May 20`, `Jun 13, 2024`, `Sep 26 4`, `Jun 27, 2024 2`: date, then upvotes.
META_DATE_RE = re.compile(rf"^{_MONTH} (\d{{1,2}})(?:, (\d{{4}}))?(?: (\d+))?$")
_FILE_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


class ManifestError(ValueError):
    """The captures manifest cannot be used; the message names file and line."""


def load_manifest(dumps_dir: Path) -> dict[str, dt.date]:
    """Capture dates for dumps whose names do not carry one.

    The manifest maps a file name to a date, one `name: YYYY-MM-DD` per line.
    """
    path = dumps_dir / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        raise ManifestError(f"{path}:{line}: not a YAML mapping of file name to date") from None
    if not isinstance(data, dict):
        raise ManifestError(f"{path}:1: expected `file name: YYYY-MM-DD` lines")
    dates = {}
    for name, value in data.items():
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                pass
        if not isinstance(value, dt.date):
            raise ManifestError(f"{path}: {name}: expected a date YYYY-MM-DD, got {value!r}")
        dates[str(name)] = value
    return dates


def capture_date(name: str, manifest: dict[str, dt.date]) -> dt.date | None:
    """A leading `YYYY-MM-DD` in the file name wins; then the manifest; else unknown."""
    match = _FILE_DATE_RE.match(name)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            pass
    return manifest.get(name)


def resolve_month_day(month: int, day: int, captured: dt.date) -> dt.date:
    """The most recent `month day` on or before the capture date.

    Raises ValueError for a day that no year has (Feb 30).
    """
    dt.date(2000, month, day)  # a leap year: validates the day once
    year = captured.year
    while True:
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # Feb 29 outside a leap year
            candidate = None
        if candidate and candidate <= captured:
            return candidate
        year -= 1


def month_number(abbrev: str) -> int:
    return MONTHS.index(abbrev) + 1

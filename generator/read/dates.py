"""Dates as dumps write them: `May 19`, `Jun 13, 2024`, resolved by the capture date."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = "(" + "|".join(MONTHS) + ")"

# `May 19` alone: the page date line of a listing page.
PAGE_DATE_RE = re.compile(rf"^{_MONTH} (\d{{1,2}})$")
# `May 20`, `Jun 13, 2024`, `Sep 26 4`, `Jun 27, 2024 2`: date, then upvotes.
# (At most 20 digits: Python refuses to read an integer of more than 4,300.)
META_DATE_RE = re.compile(rf"^{_MONTH} (\d{{1,2}})(?:, (\d{{4}}))?(?: (\d{{1,20}}))?$")


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


def dated(
    month: str, day: int, year: str | None, captured: dt.date | None
) -> tuple[dt.date | None, str | None]:
    """(published, published_text) of `Jun 13, 2024` or `May 19`: a date without a
    year is resolved by the capture date, else kept as written. ValueError for a
    date that does not exist (Feb 30; Feb 29 of a year that has none)."""
    if year:
        return dt.date(int(year), month_number(month), day), None
    if captured:
        return resolve_month_day(month_number(month), day, captured), None
    return None, f"{month} {day}"


def month_number(abbrev: str) -> int:
    return MONTHS.index(abbrev) + 1

"""Filing papers: the date a paper is listed under, newest first, by month; by organisation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .. import urls
from ..model import DumpResult, Paper

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

Month = tuple[int, int]  # (year, month)


def sort_date(paper: Paper) -> dt.date | None:
    """The date a paper is filed under: its publication, else its first capture."""
    return paper.published or paper.first_seen


def newest_first(papers: list[Paper]) -> list[Paper]:
    return sorted(papers, key=lambda p: (-(sort_date(p) or dt.date.min).toordinal(), p.id))


def month_title(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1]} {year}"


def by_month(papers: list[Paper]) -> tuple[dict[Month, list[Paper]], list[Paper]]:
    """Papers by the month of their sort date (in the order given), and the undated."""
    months: dict[Month, list[Paper]] = defaultdict(list)
    undated = []
    for paper in papers:
        day = sort_date(paper)
        if day:
            months[(day.year, day.month)].append(paper)
        else:
            undated.append(paper)
    return months, undated


def newest_dump(dumps: list[DumpResult]) -> DumpResult | None:
    dated = [d for d in dumps if d.captured]
    return max(dated, key=lambda d: (d.captured, d.file)) if dated else None


def listed_day(paper: Paper) -> dt.date | None:
    """The day a paper was on Hugging Face's lists: its daily list's, else its first capture."""
    return paper.daily_date or paper.first_seen


# Hugging Face's views of its lists: the top papers of a day, a week, a month, a year.
PERIODS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Period:
    name: str  # one of PERIODS
    first: dt.date
    last: dt.date

    @property
    def title(self) -> str:
        if self.name == "day":
            return self.last.isoformat()
        if self.name == "week":
            return f"{self.first.isoformat()} to {self.last.isoformat()}"
        if self.name == "month":
            return month_title(self.last.year, self.last.month)
        return str(self.last.year)


def latest_periods(papers: list[Paper]) -> list[Period]:
    """The day, week (seven days), month and year that end on the latest day a
    paper was listed, whatever dump that day came from; [] with no dated paper."""
    last = max(filter(None, map(listed_day, papers)), default=None)
    if last is None:
        return []
    firsts = (last, last - dt.timedelta(days=6), last.replace(day=1), last.replace(month=1, day=1))
    return [Period(name, first, last) for name, first in zip(PERIODS, firsts)]


def top_papers(papers: list[Paper], periods: list[Period]) -> dict[str, list[Paper]]:
    """Period name -> the papers listed in the period, most upvoted first (their
    latest count), then newest. (Each paper's day found and the papers sorted
    once for all the periods.)"""
    listed = [(day, paper) for paper in papers if (day := listed_day(paper))]
    listed.sort(key=lambda dp: (-(dp[1].upvotes or 0), -dp[0].toordinal(), dp[1].id))
    return {
        period.name: [paper for day, paper in listed if period.first <= day <= period.last]
        for period in periods
    }


def by_organization(papers: list[Paper]) -> dict[str, tuple[str, list[Paper]]]:
    """Handle -> (display name, papers) of every organisation with a page."""
    orgs: dict[str, tuple[str, list[Paper]]] = {}
    for paper in papers:
        handle = paper.organization_handle
        if handle and urls.org_page(handle):
            orgs.setdefault(handle, (paper.organization or handle, []))[1].append(paper)
    return orgs

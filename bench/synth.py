"""Realistic synthetic dumps, in the format of the sample dumps, for benchmarks.

Words are drawn from the sample dumps' own titles and abstracts (so topic
assignment behaves as on real data), mixed with invented words from a pool
that grows with the paper count (so the search vocabulary grows as a real
catalogue's does). Every title starts with a name no other paper has. About
one record in twelve repeats an earlier paper, as overlapping listings do.

    python bench/synth.py OUT_DIR --papers 10000 [--first 0] [--seed 1] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "dumps"
SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "or")]
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
RECORDS_PER_DUMP = 250
REPEAT_SHARE = 1 / 12
START = dt.date(2026, 1, 5)  # (after the sample's days: a new dump is the newest day)
WORD_RE = re.compile(r"[A-Za-z][A-Za-z\-]*[A-Za-z]|[A-Za-z]")


def seed_words() -> tuple[list[str], list[str]]:
    """Title words and abstract words of the sample dumps, with their frequencies."""
    titles, abstracts = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        for title, abstract in zip(lines, lines[1:]):
            if 3 <= len(title.split()) <= 25 and len(abstract.split()) >= 40:
                titles += WORD_RE.findall(title)
                abstracts += WORD_RE.findall(abstract)
    return titles, abstracts


def invented(n: int) -> str:
    """A pronounceable word, different for every n."""
    parts = []
    while True:
        n, digit = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
        if n == 0:
            return "".join(parts)
        n -= 1


class Writer:
    def __init__(self, papers: int, first: int, seed: int):
        self.rng = random.Random(seed * 1_000_003 + first)
        self.title_words, self.abstract_words = seed_words()
        self.first = first
        # The invented vocabulary grows with the catalogue, like a real one.
        self.vocabulary = max(500, (first + papers) // 2)

    def new_word(self) -> str:
        # Zipf-like: low numbers are common, the long tail is rare.
        return invented(int(self.vocabulary ** self.rng.random()) + 1000)

    def paper(self, number: int) -> tuple[str, str]:
        rng = self.rng
        name = invented(number + 50_000).capitalize()
        words = rng.choices(self.title_words, k=rng.randint(5, 11))
        title = f"{name}: " + " ".join(words)
        sentences = []
        for _ in range(rng.randint(5, 9)):
            count = rng.randint(14, 28)
            words = [self.new_word() if rng.random() < 0.12 else rng.choice(self.abstract_words)
                     for _ in range(count)]
            sentences.append(" ".join(words).capitalize() + ".")
        if rng.random() < 0.15:
            sentences.append(f"Code is available at https://github.com/synth-lab/{name.lower()}.")
        return title, " ".join(sentences)

    def meta(self, day: dt.date) -> list[str]:
        rng = self.rng
        if rng.random() < 0.25:
            return []
        published = day - dt.timedelta(days=rng.randint(0, 400))
        upvotes = f" {rng.randint(1, 300)}" if rng.random() < 0.6 else ""
        date = f"{MONTHS[published.month - 1]} {published.day}"
        if published.year != day.year:
            date += f", {published.year}"
        else:
            date += upvotes
        return [f"  • {rng.randint(1, 20)} authors", "·", date]


def write_dumps(out: Path, papers: int, first: int = 0, seed: int = 1) -> tuple[int, int]:
    """Dumps holding `papers` new papers (numbered from `first`); returns (files, records)."""
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(papers, first, seed)
    made: list[tuple[str, str]] = []
    files = records = 0
    number = first
    while number < first + papers:
        day = START + dt.timedelta(days=first // RECORDS_PER_DUMP + files)
        lines = ["new", "", "Get trending papers in your email inbox!", "", "Subscribe", "",
                 "Daily Papers", "", "byAK and the research community", "",
                 f"{MONTHS[day.month - 1]} {day.day}", ""]
        for _ in range(RECORDS_PER_DUMP):
            if made and writer.rng.random() < REPEAT_SHARE:
                title, abstract = writer.rng.choice(made)
            elif number < first + papers:
                title, abstract = writer.paper(number)
                made.append((title, abstract))
                number += 1
            else:
                break
            lines += [title, "", abstract, ""] + writer.meta(day) + [""]
            records += 1
        name = f"{day.isoformat()}-synthetic-{first:06d}-{files:04d}.txt"
        (out / name).write_text("\n".join(lines), encoding="utf-8")
        files += 1
    return files, records


def write_json_dumps(out: Path, papers: int, first: int = 0, seed: int = 1) -> tuple[int, int]:
    """The same kind of papers as Hugging Face API responses (daily_papers), one
    file of RECORDS_PER_DUMP items a day; returns (files, records)."""
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(papers, first, seed)
    files = 0
    for start in range(first, first + papers, RECORDS_PER_DUMP):
        day = START + dt.timedelta(days=start // RECORDS_PER_DUMP)
        items = []
        for number in range(start, min(start + RECORDS_PER_DUMP, first + papers)):
            title, abstract = writer.paper(number)
            rng = writer.rng
            # The API hard-wraps abstracts at about 80 columns.
            wrapped = "\n".join(textwrap.wrap(abstract, 80))
            paper = {
                "id": f"{2300 + number // 100_000}.{number % 100_000:05d}",
                "authors": [
                    {
                        "_id": f"a{number}-{k}",
                        "name": f"{invented(number * 7 + k).capitalize()} "
                        f"{invented(number * 13 + k).capitalize()}",
                        "hidden": False,
                    }
                    for k in range(rng.randint(1, 12))
                ],
                "publishedAt": f"{day - dt.timedelta(days=rng.randint(0, 3))}T17:59:58.000Z",
                "title": title,
                "summary": wrapped,
                "submittedOnDailyAt": f"{day.isoformat()}T06:12:00.000Z",
                "submittedOnDailyBy": {
                    "_id": f"u{number % 97}",
                    "fullname": f"Curator {number % 97}",
                    "user": f"curator{number % 97}",
                    "type": "user",
                },
                "upvotes": rng.randint(0, 300),
                "ai_summary": " ".join(abstract.split()[:30]) + ".",
                "ai_keywords": rng.sample(writer.abstract_words, 5),
            }
            if rng.random() < 0.3:
                paper["githubRepo"] = f"https://github.com/synth-lab/{invented(number).lower()}"
                paper["githubStars"] = rng.randint(0, 5000)
            if rng.random() < 0.2:
                paper["organization"] = {
                    "_id": f"o{number % 50}",
                    "name": f"lab-{number % 50}",
                    "fullname": f"Lab {invented(number % 50).capitalize()}",
                }
            items.append(
                {
                    "paper": paper,
                    "publishedAt": paper["publishedAt"],
                    "title": title,
                    "summary": wrapped,
                    "numComments": rng.randint(0, 9),
                }
            )
        name = f"{day.isoformat()}-synthetic-{first:06d}-{files:04d}-hf-daily.json"
        (out / name).write_text(json.dumps(items, indent=2), encoding="utf-8")
        files += 1
    return files, papers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--papers", type=int, required=True)
    parser.add_argument("--first", type=int, default=0, help="number of the first new paper")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="as Hugging Face API responses")
    args = parser.parse_args()
    write = write_json_dumps if args.json else write_dumps
    files, records = write(args.out, args.papers, args.first, args.seed)
    print(f"{files} dumps, {records} records, {args.papers} papers -> {args.out}")


if __name__ == "__main__":
    main()

"""Assigning topics to papers: the keywords of the taxonomy (taxonomy.py) found in
titles and abstracts."""

from __future__ import annotations

import re
from functools import cached_property
from itertools import compress, groupby
from operator import itemgetter

from ..model import Paper
from ..words import ASCII_WORD_CODES
from .taxonomy import PREFIX_KEY as _PREFIX_KEY
from .taxonomy import Broader, Keyword, Topic

_SPLIT_RE = re.compile(r"(\w+)")
_SPACING = frozenset(" -") | {chr(c) for c in range(9, 14)}


class _Text:
    """A text split into words once, for every keyword of every topic.

    `lower` is all most texts need; the words as written and the gaps between
    them are made only when a keyword needs them.
    """

    EMPTY = ""
    SEPARATOR = ""
    lowered: str | bytes  # the words of `lower`, each after at least one SEPARATOR
    lower: list
    words: list
    gaps: list  # gaps[k]: what comes before word k, after word k - 1

    def fits(self, k: int, hyphen: bool) -> bool:
        """Whether the gap before word k joins two words of a keyword: a hyphen
        if the keyword has one there, else spaces and hyphens."""
        gap = self.gaps[k]
        return gap == "-" if hyphen else set(gap) <= _SPACING

    def match_end(self, start: int, keyword: Keyword, parts: tuple) -> int | None:
        """Index after the last word if `keyword`, whose words are `parts` in this
        text's type, matches at word `start`."""
        words = self.words if keyword.exact_case else self.lower
        if start + len(parts) > len(words):
            return None
        last = len(parts) - 1
        for k, part in enumerate(parts):
            word = words[start + k]
            if not (word.startswith(part) if keyword.prefix and k == last else word == part):
                return None
            if k and not self.fits(start + k, keyword.hyphens[k - 1]):
                return None
        return start + len(parts)

    def phrase(self, start: int, end: int) -> str:
        """Words start .. end - 1 and the gaps between them, as written, casefolded."""
        raise NotImplementedError


class _UnicodeText(_Text):
    """Any text: its words and gaps are str."""

    SEPARATOR = "\0"  # in no word, and lowercases to itself

    def __init__(self, text: str):
        self.text = text
        # One call lowercases every word.
        self.lower = "\0".join(self.words).lower().split("\0") if self.words else []

    @property
    def lowered(self) -> str:
        """The words of `lower`, each after a separator."""
        return "".join("\0" + word for word in self.lower)

    @cached_property
    def parts(self) -> list[str]:
        """gap, word, gap, word, ..., gap: word k is parts[2k + 1], the gap before it parts[2k]."""
        return _SPLIT_RE.split(self.text)

    @cached_property
    def words(self) -> list[str]:
        return self.parts[1::2]

    @cached_property
    def gaps(self) -> list[str]:
        return self.parts[::2]

    def phrase(self, start: int, end: int) -> str:
        return "".join(self.parts[2 * start + 1 : 2 * end]).casefold()


# ASCII text is read as bytes: one bytes.translate lowercases it and blanks what
# is no word, and bytes.split finds the words, in half the time of str's.
_AS_WORDS = bytes(c if c in ASCII_WORD_CODES else 32 for c in range(256))
_AS_LOWER_WORDS = _AS_WORDS.translate(
    bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
)
# The gaps: words blanked, and the six bytes bytes.split() splits at coded as
# bytes no ASCII text holds (0x80 + their place here), so a gap stays whole.
_BLANKS = b" \t\n\x0b\x0c\r"
_CODED_BLANKS = bytes(range(0x80, 0x80 + len(_BLANKS)))
_AS_GAPS = bytes(
    32 if c in ASCII_WORD_CODES else 0x80 + _BLANKS.index(c) if c in _BLANKS else c
    for c in range(256)
)
_UNCODE_GAP = bytes.maketrans(_CODED_BLANKS, _BLANKS)
_CODED_SPACING = _CODED_BLANKS + b"-"  # _SPACING, coded
assert {chr(c) for c in _BLANKS + b"-"} == _SPACING


class _AsciiText(_Text):
    """An ASCII text: its words and gaps are bytes (keywords are matched as bytes)."""

    EMPTY = b""
    SEPARATOR = b" "

    def __init__(self, text: str):
        self.raw = text.encode("ascii")
        self.lowered = b" " + self.raw.translate(_AS_LOWER_WORDS)  # each word after a space
        self.lower = self.lowered.split()

    @cached_property
    def words(self) -> list[bytes]:
        return self.raw.translate(_AS_WORDS).split()

    @cached_property
    def gaps(self) -> list[bytes]:
        gaps = self.raw.translate(_AS_GAPS).split()  # every gap but an empty first or last
        if self.raw and self.raw[0] in ASCII_WORD_CODES:
            gaps.insert(0, b"")
        return gaps

    def fits(self, k: int, hyphen: bool) -> bool:
        gap = self.gaps[k]
        return gap == b"-" if hyphen else not gap.translate(None, _CODED_SPACING)

    def phrase(self, start: int, end: int) -> str:
        # (Casefolding ASCII is lowercasing, and gaps hold no letters.)
        if end == start + 1:
            return self.lower[start].decode()
        pieces = [self.lower[start]]
        for k in range(start + 1, end):
            pieces += (self.gaps[k].translate(_UNCODE_GAP), self.lower[k])
        return b"".join(pieces).decode()


EVIDENCE_WORDS = 5  # the matched words a page shows for a topic, at most
SCANS_KEPT = 4096  # texts whose scans are kept (two a record: a dump of 2,000 records)
# The three keyword lists of a topic, in the order `Topic` lists them.
KEYWORDS, TITLE_KEYWORDS, EXCLUDE = range(3)
Rule = tuple[int, int]  # (topic number, keyword list)
# (rule, place in its list, keyword, the start of its second word, lowercased: "" when it
# has one word, for which being a candidate at a word is a match unless it is case-sensitive;
# the keyword's words). Strings are of the text's type: str, or bytes for ASCII text.
_Entry = tuple[Rule, int, Keyword, str | bytes, tuple]
# The keywords that may start at a word: (all of them, those of one word, the second
# words of the others, the second words that may end as they like).
_Candidates = tuple[tuple[_Entry, ...], tuple[_Entry, ...], frozenset, tuple]


def _trie(words: set[str]) -> str:
    """A regex for any of `words`, none of which starts another, as a trie: sre
    tells the branches of an alternation apart by their first character fast,
    so this takes half the time of a flat alternation of the same words."""
    if words == {""}:
        return ""
    branches = [
        re.escape(head) + _trie({word[1:] for word in group})
        for head, group in groupby(sorted(words), key=itemgetter(0))
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _stems_regex(stems: set[str], separator: str | bytes) -> re.Pattern | None:
    """Finds, in a text's `lowered` form, the words that start with one of
    `stems` (for ASCII text, as bytes, when `separator` is)."""
    if isinstance(separator, bytes):
        stems, separator = {s for s in stems if s.isascii()}, separator.decode()
        encode = str.encode
    else:
        encode = str
    stems = {s for s in stems if not any(s != t and s.startswith(t) for t in stems)}
    if not stems:
        return None
    sep = re.escape(separator)
    return re.compile(encode(f"{sep}({_trie(stems)}[^{sep}]*)"))


def _as_bytes(entry: _Entry) -> _Entry | None:
    """The entry for ASCII text; None if the keyword is not ASCII (no ASCII text has it)."""
    rule, order, keyword, second, parts = entry
    if not all(map(str.isascii, parts)):
        return None
    return rule, order, keyword, second.encode(), tuple(part.encode() for part in parts)


class TopicMatcher:
    """Assigns topics: a paper gets a topic when a keyword or title keyword is in
    its title, or `min_hits` different keywords are in its abstract, and no
    exclude keyword is in either; and it gets the topics those are part of.

    Each list of keywords finds what a regex alternation of them would (leftmost,
    first keyword in list order wins, no overlaps), but a text is read once for
    every list of every topic: each word is looked up in an index of keywords by
    their first word, instead of trying every keyword at every word.
    """

    def __init__(self, taxonomy: list[Topic]):
        self.taxonomy = taxonomy
        self.broader = Broader(taxonomy)
        # Have broader ones.
        self._narrower = {n for n, topic in enumerate(taxonomy) if topic.slug in self.broader.of}
        self._by_word: dict[str, list[_Entry]] = {}
        self._by_prefix: dict[str, list[_Entry]] = {}
        for number, topic in enumerate(taxonomy):
            for kind, keywords in enumerate((topic.keywords, topic.title_keywords, topic.exclude)):
                for order, keyword in enumerate(keywords):
                    second = keyword.words[1].lower() if len(keyword.words) > 1 else ""
                    entry = ((number, kind), order, keyword, second, keyword.words)
                    if keyword.prefix and len(keyword.words) == 1:
                        self._by_prefix.setdefault(keyword.first[:_PREFIX_KEY], []).append(entry)
                    else:
                        self._by_word.setdefault(keyword.first, []).append(entry)
        # The words keywords may start at, str or (for ASCII text) bytes: the
        # first words of keywords, and the words seen that start with a prefix
        # keyword (`distill*`: distillation, distilled). Every other word is
        # missing, which is why this stays small: a dict of every word seen
        # took 200 ns a lookup at 100,000 papers, most of it waiting for memory.
        self._known: dict[str | bytes, _Candidates | tuple[()]] = {}
        self._scanned: dict[str, dict] = {}  # (scan's: read, never changed, by its callers)
        for word in self._by_word:
            self._known[word] = self._candidates(word)
            if word.isascii():
                self._known[word.encode()] = self._candidates(word.encode())
        stems = {entry[2].first for entries in self._by_prefix.values() for entry in entries}
        self._stems = {
            str: _stems_regex(stems, _UnicodeText.SEPARATOR),
            bytes: _stems_regex(stems, _AsciiText.SEPARATOR),
        }

    def _candidates(self, word: str | bytes) -> _Candidates | tuple[()]:
        """Keywords that may start at `word` (lowercased), by rule then list order;
        () when none may."""
        text = word.decode() if isinstance(word, bytes) else word
        prefixed = self._by_prefix.get(text[:_PREFIX_KEY], [])
        found = self._by_word.get(text, []) + [e for e in prefixed if text.startswith(e[2].first)]
        if isinstance(word, bytes):
            found = [e for e in map(_as_bytes, found) if e]
        if not found:
            return ()
        found.sort(key=lambda entry: entry[:2])
        singles = tuple(e for e in found if not e[3])
        # A keyword of several words can only match if the next word is its
        # second, or starts with it when the second is the keyword's last (`policy gradient*`).
        seconds = frozenset(e[3] for e in found if e[3])
        prefixes = tuple(e[3] for e in found if e[3] and e[2].prefix and len(e[2].words) == 2)
        return tuple(found), singles, seconds, prefixes

    def scan(self, text: str) -> dict[Rule, list[tuple[int, str]]]:
        """For each rule with a match, its matches left to right: (the keyword's
        place in its list, the phrase matched, casefolded). Kept for the texts
        scanned last: a dump's reader asks for each record's topics, then for
        its keyword signals (topic_model.py), and both scan the same texts."""
        hits = self._scanned.get(text)
        if hits is None:
            if len(self._scanned) >= SCANS_KEPT:
                self._scanned.clear()
            hits = self._scanned[text] = self._scan(text)
        return hits

    def _scan(self, text: str) -> dict[Rule, list[tuple[int, str]]]:
        words = _AsciiText(text) if text.isascii() else _UnicodeText(text)
        lower = words.lower
        last = len(lower) - 1
        known = self._known
        stems = self._stems[type(words.SEPARATOR)]
        if stems:
            for word in stems.findall(words.lowered):
                if word not in known:
                    known[word] = self._candidates(word)
        # Most words start no keyword: they are looked up, and skipped, without
        # a step of Python per word.
        found = list(map(known.get, lower))
        hits: dict[Rule, list[tuple[int, str]]] = {}
        resume: dict[Rule, int] = {}  # a rule's next match starts after its last one
        for i in compress(range(len(lower)), found):
            entries, singles, seconds, prefixes = found[i]
            after = lower[i + 1] if i < last else words.EMPTY
            if after not in seconds and not (prefixes and after.startswith(prefixes)):
                entries = singles  # the usual case: no keyword of several words can match here
            done = None  # entries come by rule: the first match of a rule here wins
            for rule, order, keyword, second, parts in entries:
                if rule == done or resume.get(rule, 0) > i:
                    continue
                if second:
                    if not after.startswith(second):
                        continue
                    end = words.match_end(i, keyword, parts)
                else:  # one word: the lookup found it, unless its case matters
                    end = words.match_end(i, keyword, parts) if keyword.exact_case else i + 1
                if end:
                    hits.setdefault(rule, []).append((order, words.phrase(i, end)))
                    resume[rule] = end
                    done = rule
        return hits

    def topics(self, title: str, abstract: str) -> tuple[str, ...]:
        return self.topics_and_evidence(title, abstract)[0]

    def topics_and_evidence(
        self, title: str, abstract: str
    ) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """The topics (in taxonomy order) and, for each, the words that gave it:
        those matched in the title, then in the abstract, each once; or, for a
        topic the matched ones are part of, Implied by them."""
        in_title, in_abstract = self.scan(title), self.scan(abstract)
        chosen, excluded = set(), set()
        for number, kind in in_title:
            (excluded if kind == EXCLUDE else chosen).add(number)
        for (number, kind), matches in in_abstract.items():
            if kind == EXCLUDE:
                excluded.add(number)
            elif kind == KEYWORDS and distinct_keywords(matches) >= self.taxonomy[number].min_hits:
                chosen.add(number)
        numbers = chosen - excluded
        evidence = {}
        for number in sorted(numbers):
            found = [
                phrase
                for kind in (KEYWORDS, TITLE_KEYWORDS)
                for _, phrase in in_title.get((number, kind), ())
            ]
            found += [phrase for _, phrase in in_abstract.get((number, KEYWORDS), ())]
            evidence[self.taxonomy[number].slug] = tuple(dict.fromkeys(found))[:EVIDENCE_WORDS]
        if not self._narrower.isdisjoint(numbers):
            evidence = self.broader.add(evidence)
        return tuple(evidence), tuple(evidence.values())

    def assign(self, paper: Paper) -> Paper:
        topics, evidence = self.topics_and_evidence(paper.title, paper.abstract)
        return paper.replace(topics=topics, evidence=evidence)


def distinct_keywords(matches: list[tuple[int, str]]) -> int:
    """How many different keywords matched (`distill*` in "distilled" and
    "distillation" is one keyword)."""
    return len({order for order, _ in matches})


def assign_topics(paper: Paper, taxonomy: list[Topic]) -> Paper:
    """The paper with its topics, in taxonomy order (build a TopicMatcher for many)."""
    return TopicMatcher(taxonomy).assign(paper)

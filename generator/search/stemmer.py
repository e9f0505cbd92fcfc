"""The stemmer lunr.js runs on queries, in Python, for the index and the terminal.

lunr.py's Porter stemmer and lunr.js's differ at one step: lunr.py turns a
final y into i after any vowel in the stem ("survey" -> "survei", "deployed"
-> "deploi"), lunr.js only after a consonant that is not the word's first
letter ("survey", "deploy", but "try" -> "tri"). The index must be made of the
stems the page makes of a query, so it uses lunr.js's rule; a browser test
compares the two stemmers on every word of the sample and the synthetic dumps.
"""

from __future__ import annotations

from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer


class _LunrJsStemmer(PorterStemmer):
    def step1c(self):
        if self.ends("y") and self.k - 1 > self.k0 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_stem = _LunrJsStemmer().stem


def stemmer(token, i=None, tokens=None):
    """A lunr.py pipeline function: stems `token` as lunr.js's stemmer does."""
    return token.update(_stem)


# Under lunr.js's name for its stemmer: what the head's pipeline lists, and
# what `Pipeline.load` gives the terminal.
LABEL = "stemmer"


def query_pipeline(labels: list[str]) -> Pipeline:
    """The search pipeline a head lists, with this module's stemmer."""
    pipeline = Pipeline()
    for label in labels:
        if label != LABEL:
            raise ValueError(f"unknown search pipeline function {label!r}")
        pipeline.add(stemmer)
    return pipeline


# (lunr.py names every pipeline function it serialises.)
Pipeline.register_function(stemmer, "lunr.js stemmer")

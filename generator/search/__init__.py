"""Stage 4: the search index, its files, and queries against it."""

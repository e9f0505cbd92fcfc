"""Stage 1: dumps -> records, with problems (file and line)."""

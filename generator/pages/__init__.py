"""Stage 3: the catalogue -> page text (Markdown with front matter, raw HTML bodies)."""

"""Stage 2: whole-catalogue steps on records: merge, topics, filing by date."""

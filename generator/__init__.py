"""Turn Hugging Face paper listing dumps into a MkDocs catalogue site."""

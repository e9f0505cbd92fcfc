"""Stage 5: writing files (only what changed) and the cache of earlier builds."""

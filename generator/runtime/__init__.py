"""Processes and memory: forked workers, the cycle collector."""

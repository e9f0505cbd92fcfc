"""Debian's chromium, as the browser tests and the search benchmark launch it."""

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background connections, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

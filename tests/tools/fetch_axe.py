"""Fetch axe-core's browser bundle from the npm registry, checking npm's integrity hash.

The accessibility test injects `axe.min.js` into Debian's chromium. Node is not
needed: the registry tarball is fetched and unpacked here, and `make test` runs
this once (the file is cached under `.cache/`, outside git).
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = (
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
DEST = Path(__file__).resolve().parents[2] / ".cache" / f"axe-core-{VERSION}" / "axe.min.js"


def main() -> int:
    if DEST.exists():
        return 0
    with urllib.request.urlopen(TARBALL, timeout=60) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        print(f"fetch_axe: {TARBALL}: integrity mismatch ({digest})", file=sys.stderr)
        return 1
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        script = tar.extractfile("package/axe.min.js").read()
    DEST.parent.mkdir(parents=True, exist_ok=True)
    DEST.write_bytes(script)
    print(f"fetch_axe: axe-core {VERSION} -> {DEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

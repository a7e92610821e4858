"""JavaScript the course's builds need, from the npm registry, each checked against a SHA-256 pinned here.

The slides, the static site and the browser edition work offline, so whatever
JavaScript they show comes with them: reveal.js for the slides, the widget
renderer and require.js for pages with widgets, Pyodide's core for testing the
browser edition. Nothing is committed: :func:`tarball` downloads the npm
registry's own package file once into ``build/npm/`` (plain HTTPS, so npm
itself is not needed), checks its SHA-256 against :data:`PINNED`, and refuses
a file that differs. :func:`files` reads what is inside without unpacking it.

Run it to fetch everything ahead of time (for example before going offline)::

    python3 scripts/npm_vendor.py
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import sys
import tarfile
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "npm"
REGISTRY = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org").rstrip("/")

PINNED: dict[str, str] = {  # "name@version" -> SHA-256 of the registry's .tgz
    "@jupyter-widgets/html-manager@1.0.15": "2b9d65cb7913e1c7d671757a10008b32c9c2448d4429513371e55c07d6107638",
    "requirejs@2.3.8": "777158e89275e16bd51aec3ef714fbcb5dc45789e7078659933bc814916d7dec",
    "reveal.js@6.0.2": "2f0c20bfb02447a198a1ebe8a8c097a5437d035caa38f2820bf4ba887a3eac91",
    "pyodide@314.0.6": "d78ac549b28a2a58600cd06f44e017024151775f8c6b2d73fab1475400d38ea2",
    "mathjax@3.2.2": "1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09",
}


def _split(spec: str) -> tuple[str, str]:
    name, _, version = spec.rpartition("@")
    if not name or not version:
        raise ValueError(f"an npm package is written name@version, such as reveal.js@6.0.2, not {spec!r}")
    return name, version


def tarball(spec: str) -> pathlib.Path:
    """The npm package ``spec`` (``"name@version"``, pinned in :data:`PINNED`) as a checked local .tgz.

    Downloaded once into build/npm/; a file whose SHA-256 is not the pinned one is refused (and a
    damaged download is deleted, so the next build fetches it again).
    """
    if spec not in PINNED:
        raise ValueError(f"{spec} is not pinned in scripts/npm_vendor.py; pinned are: {', '.join(PINNED)}")
    name, version = _split(spec)
    path = CACHE / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not path.is_file():
        url = f"{REGISTRY}/{name}/-/{name.rpartition('/')[2]}-{version}.tgz"
        CACHE.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        try:
            with urllib.request.urlopen(url, timeout=120) as response:
                part.write_bytes(response.read())
        except (urllib.error.URLError, OSError) as error:
            part.unlink(missing_ok=True)
            raise OSError(f"could not download {spec} from {url} ({error}). The build needs the npm registry "
                          f"once; or put the registry's file at {path}") from error
        part.replace(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != PINNED[spec]:
        path.unlink()
        raise OSError(f"{path.name} has SHA-256 {digest}, not the pinned {PINNED[spec]}: it is damaged or "
                      f"not {spec}. It was deleted; run the build again to download it afresh.")
    return path


def files(spec: str, prefix: str = "package/") -> dict[str, bytes]:
    """Every file of the npm package ``spec``, by its path inside the package (``prefix`` removed)."""
    with tarfile.open(tarball(spec)) as archive:
        return {member.name.removeprefix(prefix): archive.extractfile(member).read()
                for member in archive.getmembers() if member.isfile()}


def file(spec: str, path: str) -> bytes:
    """One file of the npm package ``spec``, such as ``file("reveal.js@6.0.2", "dist/reveal.js")``."""
    found = files(spec)
    if path not in found:
        raise FileNotFoundError(f"{spec} has no file {path}")
    return found[path]


if __name__ == "__main__":
    for spec in (sys.argv[1:] or PINNED):
        print(f"{spec}: {tarball(spec).relative_to(ROOT)}")

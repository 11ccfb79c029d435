"""Docs as tests (Datasette) and a data registry (geodatasets): nothing undocumented ships."""

from pathlib import Path

import pytest
import yaml

from dashboard.i18n import STRINGS
from loaders import registry

DATA = Path(registry.DATA)
ENTRIES = registry.read()


def test_every_data_file_is_registered():
    assert sorted(ENTRIES) == registry.data_files()


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_registry_entry(name):
    entry = ENTRIES[name]
    assert entry["licence"] and entry["attribution"]
    assert registry.sha256(DATA / name) == entry["sha256"], (
        f"{name} changed: review it, then run `make registry`")


def test_every_data_file_is_documented_in_data_readme():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in [n for n in registry.data_files() if n != "README.md"]:
        folder = name.split("/")[0] + "/" if "/" in name else None
        assert name in readme or (folder and f"`{folder}" in readme), name


def test_every_metric_and_unit_is_documented():
    vocab = yaml.safe_load((DATA / "vocab.yaml").read_text(encoding="utf-8"))
    for metric, entry in vocab["metrics"].items():
        assert entry.get("description"), metric
        assert entry.get("zh") and entry.get("en"), metric
        units = entry["unit"] if isinstance(entry["unit"], list) else [entry["unit"]]
        assert set(units) <= set(vocab["units"]), metric
    for section in ("clusters", "statuses", "qualifiers", "scopes", "units"):
        for key, entry in vocab[section].items():
            assert entry.get("zh") and entry.get("en"), (section, key)


def test_metrics_used_in_facts_are_in_the_vocabulary(facts):
    vocab = yaml.safe_load((DATA / "vocab.yaml").read_text(encoding="utf-8"))
    assert set(facts["metric"]) - {""} <= set(vocab["metrics"])


def test_interface_strings_exist_in_both_languages():
    for key, (zh, en) in STRINGS.items():
        assert zh.strip() and en.strip(), key

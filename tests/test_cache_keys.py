"""The caches' keys for frames and dicts (ui/cache.frame_digest, mapping_digest): equal frames
share a key, so a second session reuses what the first computed, and any changed figure or
label gets a key of its own."""

import copy

import numpy as np
import pandas as pd

import loaders
from ui.cache import frame_digest, mapping_digest

JILIN = "220000"


def _jilin() -> pd.DataFrame:
    return loaders.load_facts().query("region_adcode == @JILIN")


def test_equal_frames_from_different_routes_share_a_key():
    facts = loaders.load_facts()
    by_mask = facts[facts["region_adcode"] == JILIN]
    by_ids = facts[facts["fact_id"].isin(set(by_mask["fact_id"]))]
    assert by_mask.equals(by_ids) and len(by_mask) == 203
    assert frame_digest(by_mask) == frame_digest(by_ids)


def test_what_lies_under_a_missing_number_is_not_part_of_the_key():
    # a nullable column may hold anything under its missing entries; equal frames differ there
    mask = np.array([False, True])
    one = pd.DataFrame({"value": pd.arrays.FloatingArray(np.array([4.0e9, 0.0]), mask)})
    two = pd.DataFrame({"value": pd.arrays.FloatingArray(np.array([4.0e9, 7.5]), mask)})
    assert one.equals(two)
    assert frame_digest(one) == frame_digest(two)


def test_a_changed_figure_changes_the_key():
    facts = _jilin()
    changed = facts.copy()
    row = changed.index[changed["value"].notna()][0]
    changed.loc[row, "value"] = changed.loc[row, "value"] + 1
    assert frame_digest(changed) != frame_digest(facts)
    missing = facts.copy()
    missing.loc[row, "value"] = pd.NA  # a figure that becomes "no data" is a change too
    assert frame_digest(missing) != frame_digest(facts)
    relabelled = facts.rename(columns={"value": "amount"})
    assert frame_digest(relabelled) != frame_digest(facts)


def test_the_vocabulary_key_follows_its_content():
    vocab = loaders.load_vocab()
    again = copy.deepcopy(vocab)
    assert mapping_digest(vocab) == mapping_digest(again)
    again["metrics"]["investment_total"]["en"] = "Investment"
    assert vocab["metrics"]["investment_total"]["en"] != "Investment"
    assert mapping_digest(vocab) != mapping_digest(again)

"""Rules every question family keeps, over many seeds, and the golden pins."""

from __future__ import annotations

import json

import pytest

from prof123.assess import items
from tests.unit import assess_golden

items.families_for("")  # registers every family
ALL_TEMPLATES = [
    (family.code, objective, level)
    for family in sorted(items.FAMILIES.values(), key=lambda f: f.code)
    for objective in family.objectives
    for level in family.levels
]
SEEDS_PER_TEMPLATE = 40


@pytest.mark.parametrize(("code", "objective", "level"), ALL_TEMPLATES)
def test_template_makes_sound_items(code, objective, level):
    for seed in range(SEEDS_PER_TEMPLATE):
        item = items.generate(code, objective, level, seed)
        assert item.prompt.strip(), f"{item.template_id} seed {seed}: empty prompt"
        assert item.answer.value.strip()
        assert item.answer.value not in item.bugs, "a bug answer equals the right answer"
        assert all(labels for labels in item.bugs.values())
        again = items.generate(code, objective, level, seed)
        assert again == item, "same seed, same item"


@pytest.mark.parametrize("path", sorted(assess_golden.GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_golden_seeds_still_make_their_items(path):
    pinned = json.loads(path.read_text())
    assert pinned, "a golden file with no pins"
    for key, expected in pinned.items():
        code, objective, level, seed = key.rsplit(":", 3)
        item = items.generate(code, objective, int(level[1:]), int(seed))
        assert assess_golden.snapshot(item) == expected, f"{key} now makes a different item"

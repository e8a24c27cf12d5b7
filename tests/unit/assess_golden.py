"""Golden items: a sample of seeds per family pinned to the items they make.

A stored seed must re-render the same question after any upgrade, so changing what a seed
makes fails ``test_assess_families.py``. Write the pins for one families module (only when a
family is new, never to make a changed family pass):

    .venv/bin/python -m tests.unit.assess_golden fractions
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from prof123.assess import items

GOLDEN = Path(__file__).parent / "golden"
SEEDS = (1, 2024)


def module_of(family: items.Family) -> str:
    return family.draw.__module__.rsplit(".", 1)[-1]


def snapshot(item: items.Item) -> dict:
    return {
        "prompt": item.prompt,
        "table": [list(row) for row in item.table],
        "answer": {
            "kind": item.answer.kind,
            "value": item.answer.value,
            "unit": item.answer.unit,
            "options": list(item.answer.options),
            "form": item.answer.form,
            "marks": item.answer.marks,
        },
        "bugs": {wrong: list(labels) for wrong, labels in sorted(item.bugs.items())},
    }


def pins_for(module: str) -> dict[str, dict]:
    items.families_for("")  # registers every family
    pins = {}
    for family in sorted(items.FAMILIES.values(), key=lambda f: f.code):
        if module_of(family) != module:
            continue
        for objective in family.objectives:
            for level in family.levels:
                for seed in SEEDS:
                    key = f"{family.code}:{objective}:L{level}:{seed}"
                    pins[key] = snapshot(items.generate(family.code, objective, level, seed))
    return pins


def write(module: str) -> Path:
    path = GOLDEN / f"{module}.json"
    path.write_text(json.dumps(pins_for(module), indent=1, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print("wrote", write(name))

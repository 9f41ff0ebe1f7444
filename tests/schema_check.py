#!/usr/bin/python3
"""Checks config.schema.json against the configs we ship and against configs it must reject.

Usage: schema_check.py REPO_ROOT

Run by CTest with Debian's /usr/bin/python3 and python3-jsonschema (apt-get install
python3-jsonschema). The C++ side (tests/core/config_test.cpp) checks that parse_config and the
schema accept the same keys; this script checks the schema itself with a real JSON Schema validator.
Exits non-zero, naming every failure, if anything is off.
"""

import copy
import json
import pathlib
import sys

try:
    import jsonschema
except ImportError:
    print("schema_check: python3-jsonschema is missing (apt-get install -y python3-jsonschema)")
    sys.exit(2)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def walk_schemas(schema, pointer="#"):
    """Yields (pointer, subschema) for every subschema reachable through the keywords we use."""
    yield pointer, schema
    for name, sub in schema.get("properties", {}).items():
        yield from walk_schemas(sub, f"{pointer}/properties/{name}")
    if isinstance(schema.get("items"), dict):
        yield from walk_schemas(schema["items"], f"{pointer}/items")
    for i, sub in enumerate(schema.get("oneOf", [])):
        yield from walk_schemas(sub, f"{pointer}/oneOf/{i}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    root = pathlib.Path(sys.argv[1])
    fixtures = root / "tests" / "fixtures" / "config"
    failures = []

    schema = load(root / "config.schema.json")
    validator_class = jsonschema.validators.validator_for(schema)
    try:
        validator_class.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"schema_check: config.schema.json is not a valid JSON Schema: {e.message}")
        return 1
    validator = validator_class(schema)

    # The schema documents every key, and every object in it is closed.
    for pointer, sub in walk_schemas(schema):
        if pointer != "#" and "oneOf" not in sub and not sub.get("description", "").strip():
            failures.append(f"config.schema.json {pointer}: no description")
        if sub.get("type") == "object" and sub.get("additionalProperties") is not False:
            failures.append(f"config.schema.json {pointer}: additionalProperties is not false")

    # Configs that must validate.
    good = [root / "config.json",
            fixtures / "original_arxiv_rss_bot.json",
            fixtures / "original_arxiv_rss_bot_ai_summary.json"]
    if (root / "examples" / "config.json").exists():
        good.append(root / "examples" / "config.json")
    for path in good:
        try:
            errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.path))
        except (OSError, ValueError) as e:
            failures.append(f"{path}: cannot read: {e}")
            continue
        for error in errors:
            pointer = "/" + "/".join(str(p) for p in error.path)
            failures.append(f"{path}: {pointer}: {error.message}")

    # Configs that must be rejected: the bad_*.json fixtures (the C++ tests use them too) and
    # single edits of the shipped config.
    bad = {}
    for path in sorted(fixtures.glob("bad_*.json")):
        try:
            bad[path.name] = load(path)
        except ValueError:
            pass  # not JSON at all (bad_syntax.json): rejected before any schema applies
    shipped = load(root / "config.json")

    def edited(change):
        config = copy.deepcopy(shipped)
        change(config)
        return config

    bad["shipped + unknown top-level key"] = edited(lambda c: c.update(max_paper=30))
    bad["shipped + unknown ai_summary key"] = edited(lambda c: c["ai_summary"].update(api_key="x"))
    bad["shipped + wrong type"] = edited(lambda c: c.update(max_papers="30"))
    bad["shipped + negative max_papers"] = edited(lambda c: c.update(max_papers=-1))
    bad["shipped + empty categories"] = edited(lambda c: c.update(categories=[]))
    bad["shipped - categories"] = edited(lambda c: c.pop("categories"))
    bad["shipped + bad enum"] = edited(lambda c: c.update(match="words"))
    bad["shipped + zero keyword weight"] = edited(
        lambda c: c.update(keywords=[{"term": "LLM", "weight": 0}]))
    bad["shipped + max_workers 65"] = edited(lambda c: c["ai_summary"].update(max_workers=65))
    for name, config in bad.items():
        if validator.is_valid(config):
            failures.append(f"{name}: accepted by the schema, but it is invalid")

    for failure in failures:
        print(f"FAIL {failure}")
    print(f"schema_check: {len(good)} configs validated, {len(bad)} bad configs checked, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

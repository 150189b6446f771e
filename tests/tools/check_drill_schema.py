#!/usr/bin/env python3
"""Every drill in scenarios/ against docs/scenario.schema.json, and a drill the
schema must refuse. Usage: check_drill_schema.py SCHEMA SCENARIOS_DIR"""
import glob
import json
import sys

import jsonschema
import yaml


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    drills = sorted(glob.glob(sys.argv[2] + "/*.yaml"))
    if not drills:
        sys.exit("no drill found")
    bad = 0
    for path in drills:
        # Times like 1m30s and clocks stay strings: YAML 1.1 would read 1:30 as a number.
        doc = yaml.safe_load(open(path, encoding="utf-8"))
        for error in validator.iter_errors(doc):
            print(f"{path}: {error.json_path}: {error.message}")
            bad += 1
    wrong = {"drill": 1, "id": "x", "title": "x", "duration": "10m", "network": "tiny", "objectives": [], "titel": "x"}
    if validator.is_valid(wrong):
        sys.exit("the schema accepts an unknown key")
    print(f"{len(drills)} drills checked against the schema, {bad} problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

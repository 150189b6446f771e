#!/usr/bin/env python3
"""Checks docs/twin.schema.json against what netdrill writes: generated and
imported twins must validate, a misspelt level must not.

    python3 tests/tools/check_schema.py build/netdrill docs/twin.schema.json tests/data/Vinaren.graphml
"""
import json
import subprocess
import sys
import tempfile

import jsonschema
import yaml


def main(netdrill, schema_path, graphml):
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for preset in ("tiny", "national-2025"):
            out = f"{tmp}/{preset}.yaml"
            subprocess.run([netdrill, "twin", "generate", "--preset", preset, "-o", out], check=True, capture_output=True)
            files.append(out)
        out = f"{tmp}/imported.yaml"
        subprocess.run([netdrill, "twin", "import", graphml, "-o", out], check=True, capture_output=True)
        files.append(out)
        for f in files:
            jsonschema.validate(yaml.safe_load(open(f, encoding="utf-8")), schema)
            print(f"valid: {f}")
    bad = yaml.safe_load("netdrill-twin: 1\nsites:\n  - {id: a, level: provinse}\n")
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError:
        print("rejected: a misspelt level")
        return 0
    print("the schema accepted a misspelt level")
    return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))

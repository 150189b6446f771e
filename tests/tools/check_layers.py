#!/usr/bin/env python3
"""The layers, checked: a file includes only its own layer and those below it;
ns-3 only in sim/ (and the benchmarks and sim's tests); GL and GLFW only in
ui/window and the UI benchmark; Dear ImGui only in ui/ (and its tests and
benchmark); gRPC and protobuf only in wire/ and server/ (the class server). docs/architecture.md draws the same picture.

  check_layers.py ROOT                   every violation as file:line: message; exit 1 if any
  check_layers.py --expect-failure ROOT  the checker's own test: exit 0 only if ROOT has violations
  check_layers.py --no-ns3 BINARY...     exit 1 if a binary loads a libns3 library (ldd)
"""
import os
import re
import subprocess
import sys

# What each layer may include of the project, itself included.
ALLOWED = {
    "twin": {"twin"},
    "session": {"twin", "session"},
    "sim": {"twin", "session", "sim"},
    "drill": {"twin", "session", "drill"},
    "whatif": {"twin", "whatif"},
    "ui": {"twin", "session", "drill", "whatif", "ui"},
    "wire": {"twin", "session", "wire"},
    "server": {"twin", "session", "sim", "drill", "wire", "server"},
    "app": {"twin", "session", "sim", "drill", "whatif", "ui", "wire", "server", "app"},
    "bench": {"twin", "session", "sim", "drill", "whatif", "ui", "wire", "server", "app", "bench"},
}
LAYERS = list(ALLOWED)
SOURCE = re.compile(r"\.(cc|h|hpp|cpp)$")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def layer_of(rel):
    """The layer a file is held to: its top folder, or for tests/<layer>/ that layer (tests itself may be included)."""
    parts = rel.split("/")
    if parts[0] == "tests" and len(parts) > 2 and parts[1] in ALLOWED:
        return parts[1], True
    if parts[0] in ALLOWED:
        return parts[0], False
    return None, False


def third_party_rule(rel, layer, header):
    """Why an outside header is out of place here, or None."""
    if header.startswith("ns3/"):
        if layer in ("sim", "bench") and not rel.startswith("tests/") or rel.startswith("tests/sim/"):
            return None
        return "ns-3 is included only in sim/"
    if header.startswith("GL/") or header.startswith("GLFW/") or header.startswith("imgui_impl"):
        if rel.startswith("ui/window.") or rel == "bench/ui-bench.cc":
            return None
        return "GL and GLFW are included only in ui/window"
    if header.startswith("grpcpp/") or header.startswith("grpc/") or header.startswith("google/protobuf/"):
        if layer in ("wire", "server", "bench"):
            return None
        return "gRPC and protobuf are included only in wire/ and server/"
    if header.startswith("imgui"):
        if layer in ("ui", "bench") or rel.startswith("tests/ui/"):
            return None
        return "Dear ImGui is included only in ui/"
    return None


def violations(root):
    found = []
    for top, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not d.startswith("build")]
        for name in sorted(files):
            if not SOURCE.search(name):
                continue
            path = os.path.join(top, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            layer, is_test = layer_of(rel)
            if layer is None:
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    header = m.group(2)
                    why = third_party_rule(rel, layer, header)
                    if why is None and m.group(1) == '"' and "/" in header:
                        target = header.split("/")[0]
                        allowed = ALLOWED[layer] | ({"tests"} if is_test else set())
                        if target in LAYERS + ["tests"] and target not in allowed:
                            why = f"{layer}/ may not include {target}/ (a layer above it)"
                    if why:
                        close = ">" if m.group(1) == "<" else '"'
                        found.append(f"{rel}:{number}: error[layer]: {why}: #include {m.group(1)}{header}{close}")
    return found


def loads_ns3(binary):
    out = subprocess.run(["ldd", binary], capture_output=True, text=True, check=False).stdout
    return [line.split()[0] for line in out.splitlines() if "libns3" in line]


def main(argv):
    if len(argv) >= 2 and argv[1] == "--no-ns3":
        bad = 0
        for binary in argv[2:]:
            libs = loads_ns3(binary)
            print(f"{os.path.basename(binary)}: {'loads ' + ', '.join(libs) if libs else 'no ns-3'}")
            bad += bool(libs)
        return 1 if bad else 0
    expect_failure = len(argv) >= 2 and argv[1] == "--expect-failure"
    root = argv[2] if expect_failure else (argv[1] if len(argv) > 1 else ".")
    found = violations(root)
    for v in found:
        print(v)
    if expect_failure:
        print(f"{len(found)} violations found in the fixture (expected some)")
        return 0 if found else 1
    print(f"{len(found)} layer violations")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

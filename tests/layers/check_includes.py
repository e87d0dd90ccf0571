#!/usr/bin/python3
"""Fails when a file in src/ includes a layer it may not use.

The layers and what each may use are the table below, the same as docs/architecture.md's. The link lines of
CMakeLists.txt enforce it for code that is compiled and linked, but a header-only include (a type, an inline
function, a template) crosses a layer without any link error; this check reads every `#include "..."` in src/
instead. It also fails when CMakeLists.txt links a layer to one the table does not allow, or no longer links one the
table relies on, so the two cannot drift apart.

Exit status: 0 when every include and link keeps to the table, 1 otherwise.
"""
import argparse
import os
import re
import sys

# Each layer and the layers it uses directly; it may include these and, through them, everything below them.
MAY_USE = {
    "common": [],
    "domain": ["common"],
    "policy": ["domain"],
    "store": ["domain"],
    "notify": ["common"],
    "integrations": ["domain"],
    "app": ["policy", "store", "notify"],
    "jobs": ["app", "notify", "integrations"],
    "http": ["app", "integrations"],
    "cli": ["http", "jobs"],
}
# The CMake target each layer builds.
TARGET = {layer: "sd_" + layer for layer in MAY_USE}
TARGET["cli"] = "shiftdesk"

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SOURCE = re.compile(r"\.(c|cc|cpp|cxx|h|hh|hpp|hxx|ipp|inc)$")


def reachable(table, layer):
    """The layers `layer` may include: itself and all it uses, directly or through another."""
    seen, todo = {layer}, [layer]
    while todo:
        for used in table.get(todo.pop(), []):
            if used not in seen:
                seen.add(used)
                todo.append(used)
    return seen


def include_violations(src_root, table):
    """Yields "file:line: message" for each include that leaves the layers its file may use."""
    for directory, subdirectories, files in os.walk(src_root):
        subdirectories.sort()
        relative_dir = os.path.relpath(directory, src_root)
        if relative_dir == ".":
            for name in sorted(files):
                if SOURCE.search(name):
                    yield "%s: a source file outside every layer" % os.path.join(src_root, name)
            continue
        layer = relative_dir.split(os.sep)[0]
        if layer not in table:
            yield "%s: a directory that is no layer (%s)" % (directory, ", ".join(table))
            continue
        allowed = reachable(table, layer)
        for name in sorted(files):
            if not SOURCE.search(name):
                continue
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8", errors="replace") as file:
                for number, line in enumerate(file, 1):
                    match = INCLUDE.match(line)
                    if not match:
                        continue
                    included = match.group(1)
                    if os.path.exists(os.path.join(directory, included)):
                        continue  # beside the file: the same layer
                    target_layer = included.split("/", 1)[0]
                    if target_layer not in table or "/" not in included:
                        yield '%s:%d: #include "%s" names no layer and no file beside it' % (path, number, included)
                    elif target_layer not in allowed:
                        yield '%s:%d: #include "%s": %s may not use %s (it uses %s)' % (
                            path, number, included, layer, target_layer,
                            ", ".join(sorted(allowed - {layer})) or "no other layer")


def linked_layers(cmake_text):
    """Layer -> the layers its CMake target links (direct), read from target_link_libraries lines."""
    by_target = {target: layer for layer, target in TARGET.items()}
    links = {}
    for match in re.finditer(r"target_link_libraries\(\s*([\w:]+)([^)]*)\)", cmake_text):
        layer = by_target.get(match.group(1))
        if layer is None:
            continue
        links.setdefault(layer, set()).update(
            by_target[word] for word in match.group(2).split() if word in by_target)
    return links


def link_violations(cmake_path, table):
    with open(cmake_path, encoding="utf-8") as file:
        links = linked_layers(file.read())
    linked = {layer: set() for layer in table}
    for layer, uses in links.items():
        linked[layer] = uses
    for layer in table:
        may = reachable(table, layer)
        does = reachable(linked, layer)
        for extra in sorted(does - may):
            yield "%s: %s links %s, which the layer table does not allow" % (cmake_path, TARGET[layer], extra)
        for missing in sorted(may - does):
            yield "%s: %s does not link %s, which the layer table says it uses" % (cmake_path, TARGET[layer], missing)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source-dir", required=True, help="the repository: its src/ and CMakeLists.txt are read")
    args = parser.parse_args(argv)
    problems = list(include_violations(os.path.join(args.source_dir, "src"), MAY_USE))
    problems += link_violations(os.path.join(args.source_dir, "CMakeLists.txt"), MAY_USE)
    for problem in problems:
        print(problem)
    print("layers: %d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

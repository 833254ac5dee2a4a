"""The public surface the reference documents require, as facts the tests check the SDK against.

The documents live outside this repository (`shared/seeds`, see `seeds.py`). When they are there,
the surface is parsed from them on every run. When a clone stands alone, the tests use
`reference_surface.json`: the same facts (names, parameters, defaults, annotations, aliases;
no prose) parsed earlier, so the surface tests still run instead of skipping. A test compares
the two whenever the documents are present, so the snapshot cannot drift unnoticed.

    python -m tests.support.reference_surface --write    # refresh the snapshot from the documents
"""

from __future__ import annotations

import argparse
import ast
import json
import re
from pathlib import Path
from typing import Any

from tests.pools import _seed
from tests.support.seeds import find_seed

SNAPSHOT = Path(__file__).with_name("reference_surface.json")
ENV_POOLS_DOCUMENT = "002_a77796deea9964b1.txt"
DOCUMENTS = (ENV_POOLS_DOCUMENT, _seed.MARKDOWN_SEED, _seed.PLAIN_SEED)

Surface = dict[str, Any]


def env_pool_functions(text: str) -> dict[str, list[list[str | None]]]:
    """name -> [[param, "positional"|"keyword", default source or None]] from the signature blocks."""
    found: dict[str, list[list[str | None]]] = {}
    for match in re.finditer(r"^(\w+)\(\n(.*?)\n\) -> ([^\n]+)", text, flags=re.S | re.M):
        name, params = match.group(1), match.group(2)
        fn = ast.parse(f"def {name}(\n{params}\n): pass").body[0]
        assert isinstance(fn, ast.FunctionDef)
        args = fn.args
        out: list[list[str | None]] = []
        pos_defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
        for a, d in zip(args.args, pos_defaults, strict=True):
            out.append([a.arg, "positional", None if d is None else ast.unparse(d)])
        for a, kd in zip(args.kwonlyargs, args.kw_defaults, strict=True):
            out.append([a.arg, "keyword", None if kd is None else ast.unparse(kd)])
        found[name] = out
    return found


def _method_json(m: _seed.DocMethod) -> dict[str, Any]:
    return {
        "name": m.name,
        "params": [[p.name, p.annotation] for p in m.params],
        "returns": m.returns,
        "alias_of": m.alias_of,
    }


def documents_present() -> bool:
    return all(find_seed(name) is not None for name in DOCUMENTS)


def parse_documents() -> Surface:
    """The surface as the documents state it now (they must be present)."""
    paths = {name: find_seed(name) for name in DOCUMENTS}
    missing = [name for name, path in paths.items() if path is None]
    assert not missing, f"reference documents not found: {missing}"
    env_text = paths[ENV_POOLS_DOCUMENT].read_text(encoding="utf-8")  # type: ignore[union-attr]
    markdown = paths[_seed.MARKDOWN_SEED].read_text(encoding="utf-8")  # type: ignore[union-attr]
    plain = paths[_seed.PLAIN_SEED].read_text(encoding="utf-8")  # type: ignore[union-attr]
    methods = _seed.client_methods_from_markdown(markdown)
    return {
        # a list, not a mapping: the snapshot's keys are sorted, the document's order is kept
        "environment_pools": {
            "functions": [{"name": n, "params": p} for n, p in env_pool_functions(env_text).items()]
        },
        "container_pools": {
            "method_headings": markdown.count("\n#### `"),
            "methods": [_method_json(m) for m in methods],
            "plain_text_methods": [_method_json(m) for m in _seed.client_methods_from_plain(plain)],
            "functions": [_method_json(m) for m in _seed.module_functions_from_markdown(markdown).values()],
            "classes": _seed.documented_classes(markdown),
            "namespaces": _seed.namespaces_from_markdown(markdown),
        },
    }


def reference_surface() -> Surface:
    """Parsed from the documents when they are present, else the checked-in snapshot."""
    if documents_present():
        return parse_documents()
    loaded: Surface = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return loaded


def doc_methods(entries: list[dict[str, Any]]) -> list[_seed.DocMethod]:
    return [
        _seed.DocMethod(
            e["name"], tuple(_seed.DocParam(n, a) for n, a in e["params"]), e["returns"], e["alias_of"]
        )
        for e in entries
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", action="store_true", help=f"write {SNAPSHOT.name} from the documents")
    args = parser.parse_args()
    text = json.dumps(parse_documents(), indent=1, sort_keys=True) + "\n"
    if args.write:
        SNAPSHOT.write_text(text, encoding="utf-8")
        print(f"wrote {SNAPSHOT}")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()

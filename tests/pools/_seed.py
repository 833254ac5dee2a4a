"""Parses the reference document of ``synth_ai.sdk.pools`` (markdown and plain-text renderings).

Used by ``tests/support/reference_surface.py``: the method list is parsed from the document on
each run where it is present, so a method added to the document and missing here fails the suite.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

MARKDOWN_SEED = "000_05547f6f99b81eba.txt"
PLAIN_SEED = "001_439cdb6755d4d470.txt"

_SIGNATURE = re.compile(r"^(?P<name>\w+)\((?P<params>.*)\)\s*->\s*(?P<returns>.+?)\s*$")
_ALIAS = re.compile(r"\(alias for `?(?P<target>\w+)`?\)")


@dataclass(frozen=True)
class DocParam:
    name: str
    annotation: str


@dataclass(frozen=True)
class DocMethod:
    name: str
    params: tuple[DocParam, ...]  # without ``self``
    returns: str
    alias_of: str | None

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)


def _parse_signature(line: str) -> tuple[str, tuple[DocParam, ...], str]:
    match = _SIGNATURE.match(line.strip())
    assert match, f"not a signature: {line!r}"
    # The document's signatures are valid Python once given a body; let ast split the
    # parameters so annotations such as dict[str, Any] keep their commas.
    tree = ast.parse(f"def {match['name']}({match['params']}) -> {match['returns']}: ...")
    func = tree.body[0]
    assert isinstance(func, ast.FunctionDef)
    args = func.args.args
    params = tuple(
        DocParam(a.arg, ast.unparse(a.annotation) if a.annotation else "") for a in args if a.arg != "self"
    )
    assert func.returns is not None
    return match["name"], params, ast.unparse(func.returns)


def _section(text: str, start: str, end: str | None) -> str:
    begin = text.index(start)
    stop = text.index(end, begin) if end else len(text)
    return text[begin:stop]


def client_methods_from_markdown(text: str) -> list[DocMethod]:
    """Methods of ``ContainerPoolsClient`` from the markdown page, in document order."""
    body = _section(text, "### `ContainerPoolsClient`", "### `AsyncContainerPoolsClient`")
    methods: list[DocMethod] = []
    # Each method is: #### `name`, a fenced signature, then one description paragraph.
    blocks = re.split(r"^#### `(\w+)`\s*$", body, flags=re.M)
    for heading, chunk in zip(blocks[1::2], blocks[2::2], strict=True):
        fence = re.search(r"```python[^\n]*\n(?P<sig>.+?)\n```", chunk, flags=re.S)
        assert fence, f"no signature under heading {heading}"
        name, params, returns = _parse_signature(fence["sig"])
        assert name == heading, (name, heading)
        alias = _ALIAS.search(chunk[fence.end() :])
        methods.append(DocMethod(name, params, returns, alias["target"] if alias else None))
    return methods


def client_methods_from_plain(text: str) -> list[DocMethod]:
    """The same list from the plain-text rendering (a cross-check of the parser)."""
    body = _section(text, "\nContainerPoolsClient\n", "\nAsyncContainerPoolsClient\n")
    lines = body.splitlines()
    methods: list[DocMethod] = []
    for i, line in enumerate(lines):
        if "(self" in line and "->" in line:
            name, params, returns = _parse_signature(line)
            description = lines[i + 1] if i + 1 < len(lines) else ""
            alias = _ALIAS.search(description)
            methods.append(DocMethod(name, params, returns, alias["target"] if alias else None))
    return methods


def module_functions_from_markdown(text: str) -> dict[str, DocMethod]:
    body = _section(text, "## Functions", "## Classes")
    found: dict[str, DocMethod] = {}
    for sig in re.findall(r"```python[^\n]*\n(.+?)\n```", body, flags=re.S):
        name, params, returns = _parse_signature(sig)
        found[name] = DocMethod(name, params, returns, None)
    return found


def documented_classes(text: str) -> list[str]:
    return re.findall(r"^### `(\w+)`", _section(text, "## Classes", None), flags=re.M)


def namespaces_from_markdown(text: str) -> list[str]:
    match = re.search(r"Nested namespaces:\s*(?P<names>[^.\n]+)\.", text)
    assert match, "the document no longer names its nested namespaces"
    return re.findall(r"`(\w+)`", match["names"])

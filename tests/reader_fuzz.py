"""A hypothesis harness for input readers: random bytes, and random mutations of valid samples,
only ever give a clean ``InputError`` or a successful read, never another exception.

Use it for every reader (the built-in ones are in tests/reliability/test_reader_fuzz.py)::

    test_mine_random_bytes, test_mine_mutations = reader_fuzz_tests(
        read_mine, [VALID_SAMPLE_BYTES], ".mine", check=assert_what_must_hold)

``read(path)`` reads one file the way an import does; ``check(result)``, if given, is called
with what a successful read returned. Mutations are byte edits (deletions, insertions of random
bytes and of hostile tokens: NaN, 1e999, lone surrogates, deep nesting, 5,000-digit numbers,
CP949 bytes, BOMs), and, for samples that are JSON or JSON lines, edits of the parsed tree
(a value replaced by one of another type, a key deleted, a value wrapped in a list).
"""

from __future__ import annotations

import copy
import json
import tempfile
import zlib
from pathlib import Path
from typing import Any, Callable, Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError

TOKENS = [
    b"NaN", b"Infinity", b"-Infinity", b"1e999", b"-0", b'"\\ud83d"', b"\\ud83d", b"\\udc80", b"\\u0000",
    b"[" * 3000, b'{"a":' * 300, b"9" * 5000, b"\x00", b"\xff", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
    "원주시".encode("cp949"), "😀".encode(), "\u2028".encode(), b"\r", b"\r\n", b"\n", b'"', b",", b":", b"{}",
    b"[]", b"null", b"true", b"-1", b"0", b"2.5", b'""', b'"x"', b"\\", b"\t", b"\x85",
]
SURROGATE_STRINGS = ["\ud83d", "x\udc80", "\ude00y"]


def _leaf_values():
    return st.one_of(
        st.none(), st.booleans(), st.integers(-(2 ** 70), 2 ** 70),
        st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
        st.sampled_from(SURROGATE_STRINGS + ["", " ", "AGENCY", "gold", "\n"]),
    )


HOSTILE_VALUES = st.recursive(_leaf_values(), lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)), max_leaves=8)


def _parse_json(data: bytes) -> tuple[str, Any] | None:
    """("json", tree) or ("jsonl", [tree per line]) of a sample, or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        return "json", json.loads(text)
    except ValueError:
        pass
    try:
        return "jsonl", [json.loads(line) for line in text.splitlines() if line.strip()]
    except ValueError:
        return None


def _paths(tree: Any, prefix: tuple = ()) -> list[tuple]:
    found = []
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for key, value in items:
        found.append(prefix + (key,))
        found.extend(_paths(value, prefix + (key,)))
    return found


def _edit_tree(tree: Any, path: tuple, how: str, value: Any) -> None:
    parent = tree
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "wrap":
        parent[last] = [parent[last]]
    else:
        parent[last] = value


def _dump(kind: str, tree: Any, ascii_only: bool) -> bytes:
    if kind == "json":
        return json.dumps(tree, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    return "\n".join(json.dumps(item, ensure_ascii=ascii_only) for item in tree).encode("utf-8", "surrogatepass")


@st.composite
def mutated(draw, samples: Sequence[bytes]) -> bytes:
    data = draw(st.sampled_from(list(samples)))
    parsed = _parse_json(data)
    tree_edits = parsed is not None and draw(st.booleans())
    if tree_edits:
        kind, tree = parsed[0], copy.deepcopy(parsed[1])
        for _ in range(draw(st.integers(1, 3))):
            paths = _paths(tree)
            if not paths:
                break
            _edit_tree(tree, draw(st.sampled_from(paths)), draw(st.sampled_from(["replace", "delete", "wrap"])),
                       draw(HOSTILE_VALUES))
        data = _dump(kind, tree, draw(st.booleans()))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(0 if tree_edits else 1, 4))):
        at = draw(st.integers(0, len(buffer)))
        how = draw(st.sampled_from(["delete", "insert", "token", "replace", "duplicate", "truncate"]))
        if how == "delete":
            del buffer[at:at + draw(st.integers(1, 16))]
        elif how == "insert":
            buffer[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif how == "token":
            buffer[at:at] = draw(st.sampled_from(TOKENS))
        elif how == "replace" and at < len(buffer):
            buffer[at] = draw(st.integers(0, 255))
        elif how == "duplicate":
            buffer[at:at] = buffer[at:at + draw(st.integers(1, 64))]
        elif how == "truncate":
            del buffer[at:]
    return bytes(buffer)


def read_cleanly(read: Callable[[Path], Any], data: bytes, suffix: str,
                 check: Callable[[Any], None] | None = None) -> None:
    """Write ``data`` to a file and read it: an ``InputError`` naming the file, or a result that passes ``check``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            result = read(path)
        except InputError as error:
            assert str(path) in str(error), error
            return
        if check is not None:
            check(result)


def reader_fuzz_tests(read: Callable[[Path], Any], samples: Sequence[bytes], suffix: str, *,
                      check: Callable[[Any], None] | None = None, max_examples: int = 60):
    """Two test functions for a reader: random bytes, and mutations of ``samples`` (valid input)."""
    for sample in samples:  # the samples themselves must read, or the mutations test little
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(sample)
            result = read(path)
            if check is not None:
                check(result)
    options = settings(max_examples=max_examples, deadline=None,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    name = f"{suffix.strip('.')}_{zlib.crc32(b''.join(samples)):08x}"

    def random_bytes(data):
        read_cleanly(read, data, suffix, check)

    def mutations(data):
        read_cleanly(read, data, suffix, check)

    for test in (random_bytes, mutations):  # distinct names: hypothesis keeps failures per test
        test.__name__ = test.__qualname__ = f"test_{name}_{test.__name__}"
    return (options(given(data=st.binary(max_size=600))(random_bytes)),
            options(given(data=mutated(samples))(mutations)))

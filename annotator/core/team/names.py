"""Annotator names: one person, whatever the case they are typed in.

The rule, written once and used by the name dialog, every ``--annotator`` of the CLI, import and
merges: a name is compared by its NFC form without surrounding spaces, case-folded ("Lee" is lee,
"GOLD" is gold). A name that is the same person as a layer the project knows becomes that layer's
name; a new name is kept as typed. Two known layers that differ only in case (left by an older
version) make a name that matches both ambiguous: it is refused, naming them, until it is given
exactly. A package holds one annotator's work, so it is opened only as the annotator it was made
for (a merge of the package takes only her work anyway: ``authority``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Iterable

from annotator.core.content_rules import layer_problem
from annotator.core.errors import ProjectError
from annotator.core.store import names as names_store
from annotator.core.team.packages.identity import project_identity


class AnnotatorNameError(ProjectError):
    """A name that cannot be used here; ``expected`` is the one that can, when there is one."""

    def __init__(self, message: str, expected: str | None = None):
        super().__init__(message)
        self.expected = expected


def name_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


def same_person(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


class KnownNames:
    """The layers a project knows, and which of them a name is."""

    def __init__(self, names: Iterable[str]):
        self.by_key: dict[str, set[str]] = {}
        for name in names:
            self.by_key.setdefault(name_key(name), set()).add(name)

    def of(self, name: str, strict: bool = True) -> str:
        """The known layer ``name`` is, or ``name`` itself when it is new (or given exactly, or, unless
        ``strict``, when it is ambiguous)."""
        found = self.by_key.get(name_key(name), set())
        if name in found or not found:
            return name
        if len(found) > 1:
            if not strict:
                return name
            raise AnnotatorNameError(f"{name!r} is one of {', '.join(sorted(found))}, which differ only in case; "
                                     "give the name exactly")
        return next(iter(found))


def canonical_annotator(project, given: str, working: bool = False) -> str:
    """The layer ``given`` stands for in ``project`` (see the module's docstring). ``working``: the
    name someone works under (the window's), which in a package can only be its annotator's."""
    name = unicodedata.normalize("NFC", given or "").strip()
    problem = layer_problem(name)
    if problem:
        raise AnnotatorNameError(f"annotator name: {problem}")
    package = project.package if working else None
    if package is not None:
        return package_member(package.annotator, name)
    return KnownNames(names_store.layer_names(project.store)).of(name)


def package_member(expected: str, given: str) -> str:
    """``expected`` (whom a package was made for) when ``given`` is that person; else refused."""
    if not same_person(given, expected):
        raise AnnotatorNameError(f"this package was made for {expected}: it holds {expected}'s work only, so it "
                                 f"opens as {expected}, not {given.strip()}", expected)
    return expected


def canonical_annotators(project, given: Iterable[str]) -> list[str]:
    """Several names at once (``assign --annotators``): each as ``canonical_annotator``, and no person twice."""
    names: dict[str, str] = {}  # as this project knows them -> as typed
    for typed in given:
        name = canonical_annotator(project, typed)
        twice = next((earlier for known, earlier in names.items() if same_person(known, name)), None)
        if twice is not None:
            raise AnnotatorNameError(f"{twice.strip()} and {typed.strip()} are one person (names differ only in "
                                     "case): give each name once")
        names[name] = typed
    return list(names)


def known_names(project) -> KnownNames:
    """This project's layers, for a merge to fold another copy's names into."""
    return KnownNames(names_store.layer_names(project.store))


def package_annotator(folder: Path) -> str | None:
    """Whom the package in ``folder`` was made for (None: not a package), before opening it."""
    return names_store.package_annotator(Path(folder) / "project.db")

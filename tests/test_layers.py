"""Imports go one way: ui -> services -> store, guidance, reports (design.md).

Every module of the package is read with ``ast`` (imports inside functions and under
``TYPE_CHECKING`` count too) and each import is checked against the layer rules below.
A new top-level module must be given a place in ``TOP_LEVEL`` before it passes.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "wtsc_desktop"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE

LAYERS = ("guidance", "store", "services", "reports", "ui")
# Top-level modules: "shared" ones sit under every layer but guidance and import no layer;
# "entry" ones put the app together and may import anything.
TOP_LEVEL = {
    "__init__": "shared",
    "errors": "shared",
    "clock": "shared",
    "paths": "shared",
    "logs": "shared",
    "body_outline": "shared",  # the body-map figure: drawn on screen and in PDFs
    "__main__": "entry",
    "cli": "entry",
    "app": "entry",
}
SHARED = frozenset(name for name, kind in TOP_LEVEL.items() if kind == "shared")

# What each part of the package may import of the package itself.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "guidance": frozenset({"guidance"}),
    "store": frozenset({"store", "guidance"} | SHARED),
    "reports": frozenset({"reports", "guidance"} | SHARED),
    "services": frozenset({"services", "store", "guidance", "reports"} | SHARED),
    "ui": frozenset({"ui", "services", "guidance", "reports"} | SHARED),
    "shared": SHARED,
    "entry": frozenset(LAYERS) | frozenset(TOP_LEVEL),
}
QT = ("PySide6", "shiboken6")
# Only the window side may touch Qt: ui/ and the composition root app.py.
MAY_IMPORT_QT = frozenset({"ui", "app"})
# The ui reaches records only through services (design.md: "never to the store").
UI_FORBIDDEN_THIRD_PARTY = ("sqlalchemy", "sqlcipher3", "alembic")

# Known imports against the rules, waiting to be mended. This list only shrinks: a test
# below fails once an entry is no longer needed, so that it is deleted.
EXEMPT: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. "wtsc_desktop.store.engine"
    target: str  # the imported module, absolute, e.g. "wtsc_desktop.errors"
    line: int

    def __str__(self) -> str:
        return f"{self.module} line {self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[Import]:
    name = module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(name, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # Relative: resolve against this module's package.
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append(Import(name, target, node.lineno))
            if node.module is None or target == PACKAGE:
                # `from . import x` / `from wtsc_desktop import store`: the names are modules.
                found += [
                    Import(name, f"{target}.{alias.name}", node.lineno)
                    for alias in node.names
                    if _is_module(f"{target}.{alias.name}")
                ]
    return found


def _is_module(dotted: str) -> bool:
    path = ROOT.parent / Path(*dotted.split("."))
    return path.with_suffix(".py").exists() or path.is_dir()


def part_of(module: str) -> str | None:
    """The layer, or "shared"/"entry", of a module inside the package (None outside it)."""
    pieces = module.split(".")
    if pieces[0] != PACKAGE:
        return None
    if len(pieces) == 1:
        return "__init__"
    return pieces[1]


def kind_of(part: str) -> str:
    if part in LAYERS:
        return part
    return TOP_LEVEL.get(part, "unknown")


def all_modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_subpackage_is_a_layer() -> None:
    assert len(all_modules()) > 10, "the package's modules were not found"
    folders = {p.relative_to(ROOT).parts[0] for p in ROOT.glob("*/**/*.py")}
    strangers = sorted(folders - set(LAYERS) - {"__pycache__"})
    assert not strangers, f"{strangers}: design.md's layers are {LAYERS}"


def test_every_top_level_module_has_a_place() -> None:
    unplaced = [
        p.name for p in ROOT.glob("*.py") if p.stem not in TOP_LEVEL and p.stem not in LAYERS
    ]
    assert not unplaced, (
        f"give {unplaced} a place in TOP_LEVEL in tests/test_layers.py: "
        "'shared' (imports no layer, e.g. errors) or 'entry' (puts the app together)"
    )


def _problems(exempt: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    problems: list[str] = []
    for path in all_modules():
        for imp in imports_of(path):
            if (imp.module, imp.target) in exempt:
                continue
            source_part = part_of(imp.module)
            assert source_part is not None
            source = kind_of(source_part)
            top = imp.target.split(".")[0]
            if top in QT:
                if source_part not in MAY_IMPORT_QT:
                    problems.append(f"{imp}: only ui/ and app.py may import Qt")
                continue
            if source == "ui" and top in UI_FORBIDDEN_THIRD_PARTY:
                problems.append(f"{imp}: the ui reaches the database only through services")
                continue
            target_part = part_of(imp.target)
            if target_part is None or target_part == "__init__":
                continue  # outside the project, or the package root (its name and version)
            if kind_of(target_part) == "entry" and source != "entry":
                problems.append(f"{imp}: only the entry modules may import {target_part}")
            elif target_part not in MAY_IMPORT.get(source, frozenset()):
                problems.append(f"{imp}: {source_part} may not import {target_part}")
    return problems


def test_no_module_imports_against_the_layers() -> None:
    problems = _problems(EXEMPT)
    assert not problems, "imports against design.md's layers:\n" + "\n".join(problems)


def test_every_exemption_is_still_needed() -> None:
    modules = {module_name(path): path for path in all_modules()}
    found = {(i.module, i.target) for path in modules.values() for i in imports_of(path)}
    # An entry whose module is not (yet) in this tree is left alone.
    mended = sorted(e for e in EXEMPT - found if e[0] in modules)
    assert not mended, f"mended, so delete from EXEMPT in tests/test_layers.py: {mended}"


@pytest.mark.parametrize(
    ("source", "code", "complaint"),
    [
        ("guidance/rules.py", "from wtsc_desktop.errors import WtscError", "guidance may not"),
        ("guidance/rules.py", "import PySide6.QtCore", "only ui/ and app.py"),
        ("store/engine.py", "from wtsc_desktop.services import access", "store may not"),
        ("store/engine.py", "from ..ui import views", "store may not"),
        ("services/access.py", "from PySide6.QtWidgets import QDialog", "only ui/ and app.py"),
        ("services/access.py", "from wtsc_desktop.ui import views", "services may not"),
        ("reports/letter.py", "from wtsc_desktop.store.models import User", "reports may not"),
        ("reports/letter.py", "from wtsc_desktop.services import access", "reports may not"),
        ("ui/views/users.py", "from wtsc_desktop.store.models import User", "ui may not"),
        ("ui/views/users.py", "from sqlalchemy import select", "only through services"),
        ("cli.py", "from PySide6.QtWidgets import QApplication", "only ui/ and app.py"),
        ("errors.py", "from wtsc_desktop.services import access", "errors may not"),
        ("ui/views/users.py", "from wtsc_desktop.cli import run", "only the entry modules"),
    ],
)
def test_an_upward_import_is_caught(
    source: str, code: str, complaint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The checker must find each kind of wrong import in a throwaway package of that shape.
    fake = tmp_path / PACKAGE
    target = fake / source
    for folder in [fake, *(fake / p for p in Path(source).parents if str(p) != ".")]:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").touch()
    for layer in LAYERS:
        (fake / layer).mkdir(exist_ok=True)
        (fake / layer / "__init__.py").touch()
        (fake / layer / "views.py").touch()
        (fake / layer / "access.py").touch()
    target.write_text(code + "\n", "utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", fake)
    problems = _problems()
    assert len(problems) == 1, problems
    assert complaint in problems[0]


def test_allowed_imports_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / PACKAGE
    code = {
        "__init__.py": "",
        "app.py": "from PySide6.QtWidgets import QApplication\nfrom .ui import window\n",
        "guidance/__init__.py": "",
        "guidance/rules.py": "from . import dates\nfrom .dates import x\n",
        "guidance/dates.py": "import datetime\n",
        "store/__init__.py": "",
        "store/engine.py": "from wtsc_desktop.errors import E\nfrom wtsc_desktop import paths\n",
        "services/__init__.py": "",
        "services/access.py": "from wtsc_desktop.store import engine\nimport sqlalchemy\n",
        "reports/__init__.py": "",
        "reports/letter.py": "from wtsc_desktop.guidance import rules\n",
        "ui/__init__.py": "",
        "ui/window.py": "from PySide6.QtCore import Qt\nfrom ..services import access\n",
        "errors.py": "",
        "paths.py": "from wtsc_desktop import APP_NAME\n",
    }
    for name, text in code.items():
        (fake / name).parent.mkdir(parents=True, exist_ok=True)
        (fake / name).write_text(text, "utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", fake)
    assert _problems() == []

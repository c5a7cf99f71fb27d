"""Architecture rules a reviewer would otherwise have to remember (STYLE.md).

* The core is a library: only ``ekspor_cli.cli`` may import Typer or Rich.
* ``import ekspor_cli`` works without importing Typer or Rich at all.
* Nothing evaluates text from a criteria file or an input row (no eval/exec).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import ekspor_cli

PACKAGE = Path(ekspor_cli.__file__).parent
EDGE = {"cli"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_bundled" not in str(p))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_cli_layer_imports_typer_or_rich() -> None:
    offenders = []
    for path in _modules():
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in EDGE:
            continue
        bad = _imports(path) & {"typer", "rich", "click"}
        if bad:
            offenders.append(f"{relative}: {sorted(bad)}")
    assert offenders == []


def test_importing_the_library_loads_no_terminal_code() -> None:
    code = (
        "import sys, ekspor_cli; "
        "c = ekspor_cli.load_bundled_criteria(); ekspor_cli.score(c, {}); "
        "print(sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_eval_or_exec_anywhere() -> None:
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"eval", "exec", "compile"}, path


def test_every_open_names_an_encoding() -> None:
    """Officers' laptops are Windows: the default encoding there is not UTF-8."""
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in {"open", "read_text", "write_text"}:
                continue
            keywords = {k.arg for k in node.keywords}
            mode = next(
                (a.value for a in node.args[1:2] if isinstance(a, ast.Constant)), ""
            ) or next(
                (
                    k.value.value
                    for k in node.keywords
                    if k.arg == "mode" and isinstance(k.value, ast.Constant)
                ),
                "",
            )
            if (
                "b" in str(mode)
                or name == "open"
                and isinstance(func, ast.Attribute)
                and (getattr(func.value, "id", "") == "os")
            ):
                continue
            assert "encoding" in keywords, f"{path.name}:{node.lineno} {name}() without encoding"


def test_cli_start_up_loads_no_heavy_modules() -> None:
    """`ekspor --help` must start fast on an old laptop: commands import what they need."""
    code = (
        "import sys, ekspor_cli.cli.app; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'openpyxl', 'jinja2', 'sqlite3') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_public_names_are_listed_once_and_each_resolves() -> None:
    lazy = set(ekspor_cli._EXPORTS)
    assert set(ekspor_cli.__all__) == lazy | {"__version__"}
    for name in ekspor_cli.__all__:
        assert getattr(ekspor_cli, name) is not None, name
    assert set(ekspor_cli.__all__) <= set(dir(ekspor_cli))


def test_an_unknown_public_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        ekspor_cli.nope  # noqa: B018

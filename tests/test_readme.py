"""The README tells the truth: its role table is the code's, its two set-up commands are
the ones CI runs, and the commands, files and scripts it names exist.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from wtsc_desktop.cli import COMMANDS
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.permissions import permission_table_markdown

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text("utf-8")
CI_RUN = REPO / ".ci" / "run"


def linux_commands() -> list[str]:
    return [line for line in README.splitlines() if line.startswith("python3 -m venv .venv && ")]


def windows_commands() -> list[str]:
    return [line for line in README.splitlines() if line.startswith("py -m venv .venv; ")]


def windows_form(linux: str) -> str:
    """The PowerShell spelling of a Linux set-up command (Windows PowerShell 5 has no &&)."""
    return (
        linux.replace("python3 -m venv", "py -m venv")
        .replace(" && ", "; ")
        .replace(".venv/bin/", ".venv\\Scripts\\")
    )


def test_the_role_table_is_the_one_in_code() -> None:
    table = permission_table_markdown()
    assert f"\n{table}\n" in README, (
        "README.md's role x action table is out of step with the code: paste in the output "
        "of wtsc_desktop.services.permissions.permission_table_markdown()"
    )


def test_there_are_exactly_two_set_up_commands() -> None:
    app, tests = linux_commands()
    assert app.endswith("wtsc-desktop --demo")
    assert "pip install ." in app
    assert tests.endswith(".venv/bin/python -m pytest"), "command 2 runs the whole suite"
    assert 'pip install -e ".[test]"' in tests


def test_the_windows_commands_match_the_linux_ones() -> None:
    assert windows_commands() == [windows_form(c) for c in linux_commands()]


@pytest.mark.skipif(sys.platform == "win32", reason=".ci/run is the Linux CI's bash script")
@pytest.mark.parametrize(
    ("option", "index"), [("--print-app-command", 0), ("--print-test-command", 1)]
)
def test_ci_runs_the_readme_commands(option: str, index: int) -> None:
    # .ci/run reads the commands it runs from the README, through these same options.
    printed = subprocess.run(
        ["bash", str(CI_RUN), option], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert printed == linux_commands()[index] + "\n"


def test_ci_installs_the_system_packages_the_readme_names() -> None:
    apt = next(line for line in README.splitlines() if line.startswith("apt-get update && "))
    packages = apt.split("install -y", 1)[1].split()
    ci = CI_RUN.read_text("utf-8")
    assert packages
    assert [p for p in packages if not re.search(rf"(?<![\w.-]){re.escape(p)}(?![\w.-])", ci)] == []


def test_the_screenshot_comes_before_the_commands() -> None:
    assert README.index("](docs/screenshot.png)") < README.index(linux_commands()[0])


def test_every_headless_command_is_described() -> None:
    for name in COMMANDS:
        assert f"wtsc-desktop {name} " in README, name
    assert "--password-stdin" in README
    for code in ("**0**", "**1**", "**2**"):
        assert code in README


def test_every_file_of_the_data_folder_is_described() -> None:
    paths = StorePaths(Path("data"))
    for path in (paths.database, paths.key_slots, paths.audit_head, paths.failed_sign_ins):
        assert f"`{path.name}`" in README, path.name
    for folder in (paths.backups, paths.logs):
        assert f"`{folder.name}/`" in README, folder.name


def test_the_benchmark_command_names_a_real_script() -> None:
    scripts = re.findall(r"python (tests/benchmarks/\S+\.py)", README)
    assert scripts
    for script in scripts:
        assert (REPO / script).is_file(), script

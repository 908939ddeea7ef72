"""The CI templates and pre-commit hooks: every ``python -m graph`` command they run works on the bundled data."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

from tests.conftest import REPO

GITHUB = REPO / "ci-templates" / "github" / "data-checks.yml"
GITLAB = REPO / "ci-templates" / "gitlab" / "data-checks.gitlab-ci.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"


def _github_lines() -> list[str]:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["data-checks"]["steps"]
    return [line for step in steps for line in str(step.get("run", "")).splitlines()]


def _gitlab_lines() -> list[str]:
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["data-checks"]
    return [str(line) for line in job["script"]]


def _hook_lines() -> list[str]:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    entries = [hook.get("entry", "") for hook in hooks]
    return [entry.replace(".venv/bin/python", "python") for entry in entries if "-m graph" in entry]


def _graph_commands(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if "python -m graph" in line]


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A clone (with ``origin/main``) of a repository holding the bundled data, like a pull request checkout."""
    origin = tmp_path / "origin"
    shutil.copytree(REPO / "data", origin / "data")
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.name", "Test"],
        ["config", "user.email", "test@example.org"],
        ["config", "commit.gpgsign", "false"],
        ["add", "data"],
        ["commit", "-q", "-m", "Daten"],
    ):
        subprocess.run(["git", *args], cwd=origin, check=True, capture_output=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(tmp_path / "work")], check=True, capture_output=True)
    return tmp_path / "work"


def _run(line: str, cwd: Path, summary: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "GITHUB_BASE_REF": "main",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    command = re.sub(r"^python ", shlex.quote(sys.executable) + " ", line)
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)


def test_templates_run_the_expected_commands() -> None:
    assert _graph_commands(_github_lines()) == [
        'python -m graph diff "origin/$GITHUB_BASE_REF" --data data >> "$GITHUB_STEP_SUMMARY"',
        "python -m graph validate data --format github",
        "python -m graph fmt data --check",
        "python -m graph schema data --check",
    ]
    assert [c.split(" >")[0] for c in _graph_commands(_gitlab_lines())] == [
        'python -m graph diff "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --data data',
        "python -m graph validate data",
        "python -m graph fmt data --check",
        "python -m graph schema data --check",
    ]
    assert _hook_lines() == [
        "python -m graph validate data",
        "python -m graph fmt data --check",
        "python -m graph schema data --check",
    ]


def test_github_workflow_triggers_on_data_changes() -> None:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert workflow["on"] == {"pull_request": {"paths": ["data/**"]}}


def test_gitlab_job_runs_on_data_changes_and_keeps_the_report() -> None:
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["data-checks"]
    assert job["rules"][0]["changes"] == ["data/**/*"]
    assert job["artifacts"]["paths"] == ["change-report.md"]


@pytest.mark.parametrize("source", ["github", "gitlab", "pre-commit"])
def test_template_commands_pass_on_bundled_data(clone: Path, tmp_path: Path, source: str) -> None:
    lines = {"github": _github_lines, "gitlab": _gitlab_lines, "pre-commit": _hook_lines}[source]()
    summary = tmp_path / "summary.md"
    for line in (line for line in lines if "pip install" not in line):
        result = _run(line, clone, summary)
        assert result.returncode == 0, (line, result.stdout[-2000:], result.stderr[-2000:])


def test_template_commands_fail_on_broken_data(clone: Path, tmp_path: Path) -> None:
    actors = clone / "data" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("kind: traeger", "kind: traeegr", 1), encoding="utf-8")
    summary = tmp_path / "summary.md"
    codes = {line.split(" --")[0]: _run(line, clone, summary).returncode for line in _graph_commands(_github_lines())}
    assert codes == {
        'python -m graph diff "origin/$GITHUB_BASE_REF"': 1,
        "python -m graph validate data": 1,
        "python -m graph fmt data": 1,
        "python -m graph schema data": 1,
    }
    report = summary.read_text(encoding="utf-8")
    assert "### Neuer Stand `Arbeitskopie` ist ungültig" in report
    assert "### Datenprüfung: UNGÜLTIG" in report


def test_gitlab_report_artifact_is_written(clone: Path, tmp_path: Path) -> None:
    relations = clone / "data" / "relations.yaml"
    relations.write_text(
        relations.read_text(encoding="utf-8").replace("strength: 3", "strength: 2", 1), encoding="utf-8"
    )
    for line in _gitlab_lines():
        assert _run(line, clone, tmp_path / "summary.md").returncode == 0, line
    report = (clone / "change-report.md").read_text(encoding="utf-8")
    assert "Beziehungen 0 neu, 0 entfernt, 1 geändert" in report
    assert "`strength`: 3 → 2" in report


@pytest.mark.parametrize("name", ["vocabulary.yaml", "actors.yaml", "relations.yaml"])
def test_yamllint_passes_on_bundled_data(name: str) -> None:
    config = YamlLintConfig(file=str(REPO / ".yamllint.yaml"))
    problems = list(linter.run((REPO / "data" / name).read_text(encoding="utf-8"), config))
    assert [str(p) for p in problems] == []


def test_yamllint_catches_yaml_1_1_traps() -> None:
    config = YamlLintConfig(file=str(REPO / ".yamllint.yaml"))
    text = "- id: a\n  postcode: 06114\n  open: yes\n  id: b\n"
    assert [(p.line, p.rule, p.level) for p in linter.run(text, config)] == [
        (2, "octal-values", "error"),
        (3, "truthy", "error"),
        (4, "key-duplicates", "error"),
    ]

"""Tests of graph.workflow.correction: settings from the environment and the exact edit and report links."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from graph.workflow.correction import (
    ENV_BRANCH,
    ENV_DATA_PATH,
    ENV_EMAIL,
    ENV_FORGE,
    ENV_REPO,
    CorrectionLinks,
    CorrectionSettings,
    correction_links,
    correction_settings,
    edit_url,
    report_body,
    report_title,
    report_url,
    view_url,
)
from tests.conftest import REPO

GITHUB = {"NETZWERKKARTE_REPO_URL": "https://github.com/ORG/REPO"}
GITLAB = {"NETZWERKKARTE_REPO_URL": "https://gitlab.example/ORG/REPO", "NETZWERKKARTE_REPO_BRANCH": "pflege"}
MAIL = {"NETZWERKKARTE_FEEDBACK_EMAIL": "netzwerk-schulerfolg@halle.example"}
#: A name as hostile as the data may be: umlauts, typographic and plain quotes, ampersand, hash, a line break.
NAME = 'Grundschule „Am Hain“ & "Co" #1\nzweite Zeile'


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, CorrectionSettings()),
        (GITHUB, CorrectionSettings("https://github.com/ORG/REPO", forge="github")),
        (
            {"NETZWERKKARTE_REPO_URL": " https://github.com/ORG/REPO.git/ ", "NETZWERKKARTE_REPO_BRANCH": " "},
            CorrectionSettings("https://github.com/ORG/REPO", forge="github"),
        ),
        (
            {"NETZWERKKARTE_REPO_URL": "git@github.com:ORG/REPO.git"},
            CorrectionSettings("https://github.com/ORG/REPO", forge="github"),
        ),
        (GITLAB, CorrectionSettings("https://gitlab.example/ORG/REPO", "pflege", forge="gitlab")),
        (
            {"NETZWERKKARTE_REPO_URL": "https://git.halle.example/team/netz", "NETZWERKKARTE_FORGE": "GitLab"},
            CorrectionSettings("https://git.halle.example/team/netz", forge="gitlab"),
        ),
        (
            {"NETZWERKKARTE_REPO_URL": "https://codeberg.org/ORG/REPO", "NETZWERKKARTE_REPO_DATA_PATH": "."},
            CorrectionSettings("https://codeberg.org/ORG/REPO", data_path="", forge="gitea"),
        ),
        (
            {"NETZWERKKARTE_REPO_URL": "https://github.com/ORG/REPO", "NETZWERKKARTE_REPO_DATA_PATH": "/daten/halle/"},
            CorrectionSettings("https://github.com/ORG/REPO", data_path="daten/halle", forge="github"),
        ),
        (MAIL, CorrectionSettings(email="netzwerk-schulerfolg@halle.example")),
    ],
    ids=["nothing", "github", "trimmed", "ssh", "gitlab-branch", "forge-named", "gitea-root", "data-path", "mail"],
)
def test_correction_settings_read(env: dict[str, str], expected: CorrectionSettings) -> None:
    assert correction_settings(env) == expected


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        (
            {"NETZWERKKARTE_REPO_URL": "ORG/REPO"},
            "NETZWERKKARTE_REPO_URL='ORG/REPO' ist keine Web-Adresse eines Repositorys (z. B. https://github.com/ORG/REPO).",
        ),
        (
            {"NETZWERKKARTE_REPO_URL": "https://git.halle.example/team/netz"},
            "Bei https://git.halle.example/team/netz ist die Art des Servers unklar: bitte "
            "NETZWERKKARTE_FORGE=github|gitlab|gitea setzen.",
        ),
        (
            {"NETZWERKKARTE_FORGE": "bitbucket"},
            "NETZWERKKARTE_FORGE='bitbucket' ist unbekannt; erlaubt: github, gitlab, gitea.",
        ),
        (
            {"NETZWERKKARTE_FEEDBACK_EMAIL": "a@b.example?cc=x"},
            "NETZWERKKARTE_FEEDBACK_EMAIL='a@b.example?cc=x' ist keine E-Mail-Adresse.",
        ),
    ],
    ids=["not-a-url", "unknown-host", "unknown-forge", "mail-with-query"],
)
def test_correction_settings_explain_what_is_wrong(env: dict[str, str], problem: str) -> None:
    settings = correction_settings(env)
    assert settings.problems == (problem,)
    assert not settings.configured


@pytest.mark.parametrize(
    ("env", "file", "line", "url"),
    [
        (GITHUB, "actors.yaml", 123, "https://github.com/ORG/REPO/edit/main/data/actors.yaml#L123"),
        (GITLAB, "actors.yaml", 123, "https://gitlab.example/ORG/REPO/-/edit/pflege/data/actors.yaml#L123"),
        (
            {"NETZWERKKARTE_REPO_URL": "https://codeberg.org/ORG/REPO"},
            "actors.yaml",
            9,
            "https://codeberg.org/ORG/REPO/_edit/main/data/actors.yaml#L9",
        ),
        (
            GITHUB | {"NETZWERKKARTE_REPO_BRANCH": "daten/prüfung #2", "NETZWERKKARTE_REPO_DATA_PATH": "Daten Ä"},
            "relations.yaml",
            4,
            "https://github.com/ORG/REPO/edit/daten/pr%C3%BCfung%20%232/Daten%20%C3%84/relations.yaml#L4",
        ),
        (GITHUB, "actors.yaml", 0, "https://github.com/ORG/REPO/edit/main/data/actors.yaml"),
    ],
    ids=["github", "gitlab", "gitea", "escaped-branch-and-folder", "no-line"],
)
def test_edit_url_exact(env: dict[str, str], file: str, line: int, url: str) -> None:
    assert edit_url(correction_settings(env), file, line) == url


def test_view_url_per_forge() -> None:
    assert view_url(correction_settings(GITLAB), "actors.yaml", 3) == (
        "https://gitlab.example/ORG/REPO/-/blob/pflege/data/actors.yaml#L3"
    )
    gitea = correction_settings({"NETZWERKKARTE_REPO_URL": "https://codeberg.org/ORG/REPO"})
    assert view_url(gitea, "actors.yaml", 3) == "https://codeberg.org/ORG/REPO/src/branch/main/data/actors.yaml#L3"
    assert view_url(CorrectionSettings(), "actors.yaml", 3) is None


def test_report_title_and_body_name_the_entry() -> None:
    settings = correction_settings(GITHUB)
    assert report_title("gs-hain", NAME) == 'Korrektur: Grundschule „Am Hain“ & "Co" #1 zweite Zeile (gs-hain)'
    assert report_body(settings, "gs-hain", NAME, "actors.yaml", 42).splitlines() == [
        'Eintrag: Grundschule „Am Hain“ & "Co" #1 zweite Zeile',
        "Kennung: gs-hain",
        "Datei: data/actors.yaml, Zeile 42",
        "Ansehen: https://github.com/ORG/REPO/blob/main/data/actors.yaml#L42",
        "",
        "Was ist falsch?",
        "",
        "",
        "Was ist richtig? (bitte mit Quelle, z. B. Link auf die Seite der Organisation)",
    ]


TITLE_ENCODED = (
    "Korrektur%3A%20Grundschule%20%E2%80%9EAm%20Hain%E2%80%9C%20%26%20%22Co%22%20%231%20zweite%20Zeile%20%28gs-hain%29"
)
BODY_START = (
    "Eintrag%3A%20Grundschule%20%E2%80%9EAm%20Hain%E2%80%9C%20%26%20%22Co%22%20%231%20zweite%20Zeile%0A"
    "Kennung%3A%20gs-hain%0ADatei%3A%20data%2Factors.yaml%2C%20Zeile%2042%0A"
)


def test_report_url_github_exact() -> None:
    url = report_url(correction_settings(GITHUB), "gs-hain", NAME, "actors.yaml", 42)
    assert url is not None
    assert url.startswith(
        f"https://github.com/ORG/REPO/issues/new?title={TITLE_ENCODED}&body={BODY_START}Ansehen%3A%20"
    )
    assert url.endswith(
        "%0A%0AWas%20ist%20falsch%3F%0A%0A%0AWas%20ist%20richtig%3F%20%28bitte%20mit%20Quelle%2C%20z.%20B.%20Link%20auf%20die%20Seite%20der%20Organisation%29%0A"
    )
    query = parse_qs(urlsplit(url).query, strict_parsing=True)
    assert set(query) == {"title", "body"}  # the & and # of the name did not split the query
    assert query["title"] == [report_title("gs-hain", NAME)]
    assert query["body"] == [report_body(correction_settings(GITHUB), "gs-hain", NAME, "actors.yaml", 42)]
    assert "+" not in url and " " not in url and "\n" not in url


def test_report_url_gitlab_exact() -> None:
    url = report_url(correction_settings(GITLAB), "gs-hain", NAME, "actors.yaml", 42)
    assert url is not None
    assert url.startswith(
        f"https://gitlab.example/ORG/REPO/-/issues/new?issue[title]={TITLE_ENCODED}&issue[description]={BODY_START}"
    )
    assert set(parse_qs(urlsplit(url).query)) == {"issue[title]", "issue[description]"}


def test_report_url_mail_exact() -> None:
    url = report_url(correction_settings(MAIL), "gs-hain", NAME, "actors.yaml", 42)
    assert url == (
        f"mailto:netzwerk-schulerfolg@halle.example?subject={TITLE_ENCODED}&body={BODY_START.replace('%0A', '%0D%0A')}"
        "%0D%0AWas%20ist%20falsch%3F%0D%0A%0D%0A%0D%0AWas%20ist%20richtig%3F%20%28bitte%20mit%20Quelle%2C%20z.%20B.%20"
        "Link%20auf%20die%20Seite%20der%20Organisation%29%0D%0A"
    )
    assert unquote(url.split("&body=")[1]).startswith('Eintrag: Grundschule „Am Hain“ & "Co" #1 zweite Zeile\r\n')


def test_report_prefers_the_repository_over_mail() -> None:
    url = report_url(correction_settings(GITHUB | MAIL), "a", "A", "actors.yaml", 1)
    assert url is not None and url.startswith("https://github.com/ORG/REPO/issues/new?")


def test_correction_links_without_settings_are_empty() -> None:
    assert correction_links(CorrectionSettings(), "a", "A", "actors.yaml", 1) == CorrectionLinks(None, None)
    links = correction_links(correction_settings(MAIL), "a", "A", "actors.yaml", 1)
    assert links.edit is None and links.report is not None and links.report.startswith("mailto:")


def test_settings_are_documented() -> None:
    betrieb = (REPO / "docs" / "betrieb.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in (ENV_REPO, ENV_BRANCH, ENV_DATA_PATH, ENV_FORGE, ENV_EMAIL):
        assert f"`{name}`" in betrieb, f"docs/betrieb.md erklärt {name} nicht"
    assert f"`{ENV_REPO}`" in readme and f"`{ENV_EMAIL}`" in readme

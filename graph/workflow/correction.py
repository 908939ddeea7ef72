"""Correction links of an entry: edit its line in the git forge's web editor, report an error as issue or e-mail.

Configured by environment variables (docs/betrieb.md, „Korrekturen“), read once by the page and passed in
as a mapping, so everything here is pure:

=================================  ==========================================================================
``NETZWERKKARTE_REPO_URL``         web address of the data repository, e.g. ``https://github.com/ORG/REPO``
``NETZWERKKARTE_REPO_BRANCH``      branch to edit (default ``main``)
``NETZWERKKARTE_REPO_DATA_PATH``   folder of the data files inside the repository (default ``data``)
``NETZWERKKARTE_FORGE``            ``github``, ``gitlab`` or ``gitea`` when the host does not say it
``NETZWERKKARTE_FEEDBACK_EMAIL``   address for „Fehler melden“ by e-mail when no repository is set
=================================  ==========================================================================

Every value in a link is percent-encoded (UTF-8): names with umlauts, quotes, ``&``, ``#`` or line breaks
from the data cannot change where a link goes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlsplit

__all__ = [
    "ENV_BRANCH",
    "ENV_DATA_PATH",
    "ENV_EMAIL",
    "ENV_FORGE",
    "ENV_REPO",
    "FORGES",
    "CorrectionLinks",
    "CorrectionSettings",
    "correction_links",
    "correction_settings",
    "edit_url",
    "report_body",
    "report_title",
    "report_url",
    "view_url",
]

ENV_REPO = "NETZWERKKARTE_REPO_URL"
ENV_BRANCH = "NETZWERKKARTE_REPO_BRANCH"
ENV_DATA_PATH = "NETZWERKKARTE_REPO_DATA_PATH"
ENV_FORGE = "NETZWERKKARTE_FORGE"
ENV_EMAIL = "NETZWERKKARTE_FEEDBACK_EMAIL"
Forge = Literal["github", "gitlab", "gitea"]
FORGES: tuple[Forge, ...] = ("github", "gitlab", "gitea")

_SSH = re.compile(r"^(?:ssh://)?git@(?P<host>[^:/\s]+)[:/](?P<path>[^\s]+)$")
#: One plain address: no second ``@``, no ``?``/``&``/``#`` that would add headers to a ``mailto:`` link.
_EMAIL = re.compile(r"^[^@\s<>\"(),;:?&#=/%]+@[^@\s<>\"(),;:?&#=/%]+\.[^@\s<>\"(),;:?&#=/%]+$")
#: Path parts of an edit or view link keep their slashes; everything else is encoded.
_PATH_SAFE = "/"


@dataclass(frozen=True)
class CorrectionSettings:
    """Where corrections go. ``problems`` holds German messages about settings that could not be used.

    Examples
    --------
    >>> CorrectionSettings().configured
    False
    """

    repo_url: str | None = None
    branch: str = "main"
    data_path: str = "data"
    forge: Forge | None = None
    email: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def configured(self) -> bool:
        """True when at least one of the two links can be built.

        Returns
        -------
        bool
            True when ``repo_url`` or ``email`` is set.
        """
        return self.repo_url is not None or self.email is not None


@dataclass(frozen=True)
class CorrectionLinks:
    """The two links of one entry; None where the settings do not allow one."""

    edit: str | None
    report: str | None


def _forge_of(host: str) -> Forge | None:
    host = host.lower()
    if "github" in host:
        return "github"
    if "gitlab" in host:
        return "gitlab"
    if "gitea" in host or "forgejo" in host or host == "codeberg.org":
        return "gitea"
    return None


def _repo(value: str) -> tuple[str | None, str | None]:
    """Normalised ``https://host/path`` of a repository address (web or ``git@host:path``) or a problem."""
    value = value.strip()
    ssh = _SSH.match(value)
    if ssh:
        value = f"https://{ssh['host']}/{ssh['path']}"
    parts = urlsplit(value)
    path = parts.path.strip("/").removesuffix(".git").strip("/")
    if parts.scheme not in ("http", "https") or not parts.hostname or "/" not in path or parts.query:
        return (
            None,
            f"{ENV_REPO}={value!r} ist keine Web-Adresse eines Repositorys (z. B. https://github.com/ORG/REPO).",
        )
    return f"{parts.scheme}://{parts.netloc}/{path}", None


def correction_settings(environ: Mapping[str, str]) -> CorrectionSettings:
    """Read the settings from environment variables (pass ``os.environ``).

    Parameters
    ----------
    environ : mapping of str to str
        The environment; unknown keys are ignored, empty values count as unset.

    Returns
    -------
    CorrectionSettings
        Values that cannot be used are left out and explained in ``problems`` (German).

    Examples
    --------
    >>> s = correction_settings({"NETZWERKKARTE_REPO_URL": "git@gitlab.example:stadt/netz.git"})
    >>> s.repo_url, s.branch, s.forge
    ('https://gitlab.example/stadt/netz', 'main', 'gitlab')
    >>> correction_settings({"NETZWERKKARTE_FEEDBACK_EMAIL": "kein-mail"}).problems
    ("NETZWERKKARTE_FEEDBACK_EMAIL='kein-mail' ist keine E-Mail-Adresse.",)
    """
    problems: list[str] = []
    repo, problem = _repo(environ[ENV_REPO]) if environ.get(ENV_REPO, "").strip() else (None, None)
    problems += [problem] if problem else []
    forge: Forge | None = None
    wanted = environ.get(ENV_FORGE, "").strip().lower()
    if wanted in FORGES:
        forge = wanted
    elif wanted:
        problems.append(f"{ENV_FORGE}={wanted!r} ist unbekannt; erlaubt: {', '.join(FORGES)}.")
    if repo is not None and forge is None:
        forge = _forge_of(urlsplit(repo).hostname or "")
        if forge is None:
            problems.append(f"Bei {repo} ist die Art des Servers unklar: bitte {ENV_FORGE}=github|gitlab|gitea setzen.")
            repo = None
    email = environ.get(ENV_EMAIL, "").strip() or None
    if email is not None and not _EMAIL.match(email):
        problems.append(f"{ENV_EMAIL}={email!r} ist keine E-Mail-Adresse.")
        email = None
    branch = environ.get(ENV_BRANCH, "").strip() or "main"
    data_path = (environ.get(ENV_DATA_PATH, "").strip() or "data").strip("/")
    return CorrectionSettings(repo, branch, "" if data_path in (".", "") else data_path, forge, email, tuple(problems))


def _data_file(settings: CorrectionSettings, file: str) -> str:
    return f"{settings.data_path}/{file}" if settings.data_path else file


def _file_path(settings: CorrectionSettings, file: str) -> str:
    return f"{quote(settings.branch, safe=_PATH_SAFE)}/{quote(_data_file(settings, file), safe=_PATH_SAFE)}"


def _repo_file_url(settings: CorrectionSettings, action: str, file: str, line: int) -> str | None:
    if settings.repo_url is None:
        return None
    prefix = {"github": "", "gitlab": "-/", "gitea": ""}[settings.forge or "github"]
    if settings.forge == "gitea":
        action = {"edit": "_edit", "blob": "src/branch"}[action]
    anchor = f"#L{line}" if line > 0 else ""
    return f"{settings.repo_url}/{prefix}{action}/{_file_path(settings, file)}{anchor}"


def edit_url(settings: CorrectionSettings, file: str, line: int) -> str | None:
    """The forge's web editor at ``line`` of ``file`` (a data file name such as ``actors.yaml``).

    GitHub: ``…/edit/BRANCH/PATH``, GitLab: ``…/-/edit/BRANCH/PATH``, Gitea: ``…/_edit/BRANCH/PATH``.

    Parameters
    ----------
    settings : CorrectionSettings
        From :func:`correction_settings`.
    file : str
        Data file name, joined to the configured data folder; percent-encoded, slashes kept.
    line : int
        Line of the entry (1-based); 0 or less leaves out the ``#L…`` anchor.

    Returns
    -------
    str or None
        The link, or None when no repository is configured.

    Examples
    --------
    >>> gh = correction_settings({"NETZWERKKARTE_REPO_URL": "https://github.com/ORG/REPO"})
    >>> edit_url(gh, "actors.yaml", 123)
    'https://github.com/ORG/REPO/edit/main/data/actors.yaml#L123'
    >>> gl = correction_settings({"NETZWERKKARTE_REPO_URL": "https://gitlab.example/ORG/REPO",
    ...                           "NETZWERKKARTE_REPO_BRANCH": "daten/pflege"})
    >>> edit_url(gl, "actors.yaml", 7)
    'https://gitlab.example/ORG/REPO/-/edit/daten/pflege/data/actors.yaml#L7'
    >>> edit_url(CorrectionSettings(), "actors.yaml", 7) is None
    True
    """
    return _repo_file_url(settings, "edit", file, line)


def view_url(settings: CorrectionSettings, file: str, line: int) -> str | None:
    """The file in the forge's read-only view, with ``line`` highlighted (for issue texts).

    GitHub: ``…/blob/BRANCH/PATH``, GitLab: ``…/-/blob/BRANCH/PATH``, Gitea: ``…/src/branch/BRANCH/PATH``.

    Parameters
    ----------
    settings : CorrectionSettings
        From :func:`correction_settings`.
    file : str
        Data file name, joined to the configured data folder; percent-encoded, slashes kept.
    line : int
        Line to highlight (1-based); 0 or less leaves out the ``#L…`` anchor.

    Returns
    -------
    str or None
        The link, or None when no repository is configured.

    Examples
    --------
    >>> view_url(correction_settings({"NETZWERKKARTE_REPO_URL": "https://github.com/ORG/REPO"}), "actors.yaml", 5)
    'https://github.com/ORG/REPO/blob/main/data/actors.yaml#L5'
    """
    return _repo_file_url(settings, "blob", file, line)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def report_title(entry_id: str, name: str) -> str:
    """Title of an error report (issue title, e-mail subject); line breaks in the name become spaces.

    Parameters
    ----------
    entry_id : str
        The entry's id.
    name : str
        The entry's name; every run of whitespace becomes one space.

    Returns
    -------
    str
        ``Korrektur: NAME (ID)``.

    Examples
    --------
    >>> report_title("gs-a", "Grundschule\\n„Am Hain“")
    'Korrektur: Grundschule „Am Hain“ (gs-a)'
    """
    return f"Korrektur: {_one_line(name)} ({_one_line(entry_id)})"


def report_body(settings: CorrectionSettings, entry_id: str, name: str, file: str, line: int) -> str:
    """Pre-filled German text of an error report: which entry, where it is, what to fill in.

    An „Ansehen:“ line with :func:`view_url` is added when a repository is configured.

    Parameters
    ----------
    settings : CorrectionSettings
        From :func:`correction_settings`.
    entry_id : str
        The entry's id; whitespace runs become one space.
    name : str
        The entry's name; whitespace runs become one space.
    file : str
        Data file name (``actors.yaml``), shown joined to the configured data folder.
    line : int
        Line of the entry in the file (1-based).

    Returns
    -------
    str
        The text with ``\\n`` line breaks (not yet encoded for a link).

    Examples
    --------
    >>> print(report_body(CorrectionSettings(), "gs-a", "Grundschule A", "actors.yaml", 2))
    Eintrag: Grundschule A
    Kennung: gs-a
    Datei: data/actors.yaml, Zeile 2
    <BLANKLINE>
    Was ist falsch?
    <BLANKLINE>
    <BLANKLINE>
    Was ist richtig? (bitte mit Quelle, z. B. Link auf die Seite der Organisation)
    <BLANKLINE>
    """
    where = f"Datei: {_data_file(settings, file)}, Zeile {line}"
    lines = [f"Eintrag: {_one_line(name)}", f"Kennung: {_one_line(entry_id)}", where]
    view = view_url(settings, file, line)
    if view:
        lines.append(f"Ansehen: {view}")
    lines += [
        "",
        "Was ist falsch?",
        "",
        "",
        "Was ist richtig? (bitte mit Quelle, z. B. Link auf die Seite der Organisation)",
        "",
    ]
    return "\n".join(lines)


def _encode(value: str) -> str:
    return quote(value, safe="")


def report_url(settings: CorrectionSettings, entry_id: str, name: str, file: str, line: int) -> str | None:
    """A pre-filled new issue in the repository, else an e-mail (``mailto:``), else None.

    GitHub and Gitea take ``title`` and ``body``, GitLab ``issue[title]`` and ``issue[description]``.
    E-mail bodies use CRLF line breaks (RFC 6068); spaces are ``%20`` everywhere, never ``+``.

    Parameters
    ----------
    settings : CorrectionSettings
        From :func:`correction_settings`; the repository wins over the e-mail address.
    entry_id : str
        The entry's id (data text: encoded, never trusted).
    name : str
        The entry's name (data text: encoded, never trusted).
    file : str
        Data file name (``actors.yaml``), joined to the configured data folder.
    line : int
        Line of the entry in the file (1-based).

    Returns
    -------
    str or None
        The new-issue link or the ``mailto:`` link with :func:`report_title` and :func:`report_body`;
        None when neither a repository nor an e-mail address is configured.

    Examples
    --------
    >>> gh = correction_settings({"NETZWERKKARTE_REPO_URL": "https://github.com/ORG/REPO"})
    >>> report_url(gh, "gs-a", "Schule „Ö“ & Co", "actors.yaml", 2).partition("&body=")[0]
    'https://github.com/ORG/REPO/issues/new?title=Korrektur%3A%20Schule%20%E2%80%9E%C3%96%E2%80%9C%20%26%20Co%20%28gs-a%29'
    >>> mail = correction_settings({"NETZWERKKARTE_FEEDBACK_EMAIL": "netz@example.org"})
    >>> report_url(mail, "gs-a", "A", "actors.yaml", 2)[:70]
    'mailto:netz@example.org?subject=Korrektur%3A%20A%20%28gs-a%29&body=Ein'
    """
    title = report_title(entry_id, name)
    body = report_body(settings, entry_id, name, file, line)
    if settings.repo_url is not None:
        if settings.forge == "gitlab":
            query = f"issue[title]={_encode(title)}&issue[description]={_encode(body)}"
            return f"{settings.repo_url}/-/issues/new?{query}"
        return f"{settings.repo_url}/issues/new?title={_encode(title)}&body={_encode(body)}"
    if settings.email is not None:
        mail_body = body.replace("\n", "\r\n")
        return f"mailto:{quote(settings.email, safe='@')}?subject={_encode(title)}&body={_encode(mail_body)}"
    return None


def correction_links(settings: CorrectionSettings, entry_id: str, name: str, file: str, line: int) -> CorrectionLinks:
    """Both links of one entry: „Eintrag bearbeiten“ and „Fehler melden“.

    Parameters
    ----------
    settings : CorrectionSettings
        From :func:`correction_settings`.
    entry_id : str
        The entry's id (data text: encoded, never trusted).
    name : str
        The entry's name (data text: encoded, never trusted).
    file : str
        Data file name (``actors.yaml``), joined to the configured data folder.
    line : int
        Line of the entry in the file (1-based, as in :attr:`graph.data.model.Actor.line`).

    Returns
    -------
    CorrectionLinks
        ``edit`` from :func:`edit_url` and ``report`` from :func:`report_url`; each None where the settings
        do not allow it.

    Examples
    --------
    >>> links = correction_links(CorrectionSettings(email="netz@example.org"), "a", "A", "actors.yaml", 3)
    >>> links.edit is None, links.report.startswith("mailto:netz@example.org?subject=")
    (True, True)
    """
    return CorrectionLinks(
        edit_url(settings, file, line),
        report_url(settings, entry_id, name, file, line),
    )

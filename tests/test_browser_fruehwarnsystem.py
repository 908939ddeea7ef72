"""The page Frühwarnsystem in Chromium: a school without school social work, links, the PDF download, offline."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdf
import pytest

from tests.test_browser import Session, _shot, app_url, session

__all__ = ["app_url", "session"]  # fixtures, imported so pytest finds them here

pytestmark = pytest.mark.browser


def _open(page: Any, app_url: str, school: str) -> None:
    page.goto(f"{app_url}/fruehwarnsystem?school={school}")
    page.get_by_text("Kontaktliste dieser Schule").wait_for()


@pytest.mark.parametrize(("school", "ssa"), [("gs-am-birkenhain", True), ("gym-am-ulmenplatz", False)])
def test_early_warning_flow_on_desk_and_phone(session: Session, app_url: str, school: str, ssa: bool) -> None:
    page = session.page
    _open(page, app_url, school)
    glance = page.locator("[data-testid='stMarkdownContainer']").filter(has_text="Auf einen Blick").first
    line = next(x for x in glance.inner_text().splitlines() if x.startswith("Schulsozialarbeit:"))
    assert ("niemand eingetragen" not in line) is ssa
    assert page.locator("a[href='tel:03452216992']").count() >= 1  # the ASD, phone as tel: link
    assert page.locator("a[href='mailto:netzwerk-schulerfolg@halle.de']").count() >= 1
    _shot(page, f"fruehwarnsystem-{school}")
    page.set_viewport_size({"width": 390, "height": 844})
    glance.scroll_into_view_if_needed()
    _shot(page, f"fruehwarnsystem-{school}-handy")
    page.set_viewport_size({"width": 1440, "height": 900})


def test_early_warning_pdf_download(session: Session, app_url: str) -> None:
    page = session.page
    _open(page, app_url, "gym-am-ulmenplatz")
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF fürs Lehrerzimmer herunterladen").click()
    assert download.value.suggested_filename == "interventionskette-gym-am-ulmenplatz-2026-11-28.pdf"
    reader = pypdf.PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Gymnasium Am Ulmenplatz" in text and "6. Förmliche Meldung der Schulpflichtverletzung an die Stadt" in text

"""The staff-room PDF of a school's pathway: A4, fonts embedded, text selectable, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest

from graph.data.loader import load_dataset
from graph.data.model import Actor, Dataset
from graph.pathway import school_pathway
from graph.present.pathway_pdf import pathway_inputs, pathway_pdf
from tests.conftest import REPO

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def net() -> Dataset:
    dataset = load_dataset(REPO / "tests" / "data" / "pathway" / "valid").dataset
    assert dataset is not None
    return dataset


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pathway_pdf_reads_back_school_name_and_stage_titles(net: Dataset) -> None:
    pdf = pathway_pdf(school_pathway(net, "sek-b", TODAY))
    text = _text(pdf)
    assert "Sekundarschule B" in text
    assert "2. Schulsozialarbeit einbeziehen" in text
    assert "Lücke: Keine Schulsozialarbeit an dieser Schule – Stufe 2 hat niemanden" in text.replace("\n", " ")
    assert "Kontaktliste dieser Schule" in text


def test_pathway_pdf_is_a4_with_embedded_fonts_and_phone_links(net: Dataset) -> None:
    pdf = pathway_pdf(school_pathway(net, "gs-a", TODAY))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == (595.28, 841.89)
    fonts = [
        font.get_object()
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    ]
    descendants = [f["/DescendantFonts"][0].get_object() for f in fonts if "/DescendantFonts" in f]
    assert descendants and all(
        "/FontFile2" in d["/FontDescriptor"] or "/FontFile3" in d["/FontDescriptor"] for d in descendants
    )
    uris = [
        a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", []) if "/A" in a.get_object()
    ]
    assert "tel:03023125010" in uris  # ASD Süd, the ASD of the school's district


def test_pathway_pdf_marks_invented_entries(net: Dataset) -> None:
    data = pathway_inputs(school_pathway(net, "gs-a", TODAY))
    ssa = next(c for c in data["contacts"] if c["role"] == "Schulsozialarbeit")
    assert [(p["name"], p["demo"]) for p in ssa["people"]] == [("Träger X", True)]
    assert ssa["people"][0]["via"].endswith("Ohne Quelle – gilt als erfunden")


def test_pathway_pdf_sets_hostile_text_as_text(net: Dataset) -> None:
    hostile = dict(net.actors)
    hostile["sek-b"] = Actor("sek-b", '#set page(fill: red) ] [ \\ $x$ "', "schule")
    dataset = Dataset(net.vocabulary, hostile, net.relations, pathways=net.pathways)
    text = _text(pathway_pdf(school_pathway(dataset, "sek-b", TODAY)))
    assert '#set page(fill: red) ] [ \\ $x$ "' in text

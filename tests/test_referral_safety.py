"""The misreadings staff found, answered right on the bundled data: in the library, the CLI and on the page."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph import load_dataset
from graph.cli.main import main
from graph.referral import ReferralIndex, build_referral_index, refer
from tests.conftest import REPO, TODAY, run_page

#: The table of issue 13: what was typed, the topics that must be recognised, those that must not, crisis or not.
TABLE = [
    ("will sich umbringen", {"psychische-gesundheit"}, {"schulangst", "schulabsentismus"}, True),
    ("sexueller Übergriff", {"kinderschutz", "gewalt"}, {"sexualpaedagogik"}, True),
    ("macht blau", {"schulabsentismus"}, {"mobbing"}, False),
    ("Es fehlt Geld für die Klassenfahrt", {"armut"}, {"schulabsentismus"}, False),
    ("Vater fehlt", {"familie"}, {"schulabsentismus"}, False),
    ("Umgang mit dem Handy", {"medien"}, {"trennung-scheidung"}, False),
    ("Klinikaufenthalt", {"psychische-gesundheit"}, {"migration"}, False),
    ("Übergang Kita – Grundschule", {"uebergang-kita-schule"}, {"berufsorientierung"}, False),
]


#: Everyday sentences that must not raise a crisis, and threats that are violence, not suicide.
CRISIS_KINDS = [
    ("Er lebt nicht mehr bei der Mutter", ()),
    ("Er lebt seit einem Jahr nicht mehr zu Hause", ()),
    ("Sie will sich umbringen", ("suizid",)),
    ("Ich bringe mich um", ("suizid",)),
    ("Ich will ihn umbringen", ("akute-gewalt",)),
    ("Er droht, ihn umzubringen", ("akute-gewalt",)),
    ("Der Freund der Mutter hat gedroht, sie umzubringen", ("akute-gewalt",)),
    # Found by trying everyday phrasing after the first release: missed crises, and the words they brought in.
    ("Tochter schreibt im Chat, sie will sich was antun", ("suizid",)),
    ("sie hat sich die arme aufgeschnitten", ("selbstverletzung",)),
    ("hat ne ganze packung paracetamol geschluckt", ("suizid",)),
    ("Schüler will sich vom Dach stürzen", ("suizid",)),
    ("mein Kind wird vom Onkel angefasst", ("sexueller-missbrauch",)),
    ("der Stiefvater verprügelt ihn", ("akute-gewalt", "kindeswohlgefaehrdung")),
    ("Kind sagt, der Papa haut es jeden Tag", ("akute-gewalt", "kindeswohlgefaehrdung")),
    ("Mutter haut ihn", ("akute-gewalt", "kindeswohlgefaehrdung")),
    ("Der Vater haut die Kinder mit dem Gürtel", ("akute-gewalt", "kindeswohlgefaehrdung")),
    ("Vater haut mich, wenn er getrunken hat", ("kindeswohlgefaehrdung",)),
    ("Schüler droht mit Amoklauf im Gruppenchat", ("akute-gewalt",)),
    ("hat Lachgas genommen und ist umgekippt", ("intoxikation",)),
    ("Mädchen wird zwangsverheiratet", ("kindeswohlgefaehrdung",)),
    ("Mein Sohn wurde auf dem Schulhof verprügelt", ()),
    ("Vater haut ab und lässt die Familie sitzen", ()),
    ("Junge ist im Sportunterricht umgekippt", ()),
    ("Kinder lernen Tomaten aufschneiden", ()),
    ("Theaterstück über Zwangsheirat für Klasse 9", ()),
    ("ich sterbe vor Langeweile", ()),
]


@pytest.fixture(scope="module")
def index() -> ReferralIndex:
    dataset = load_dataset(REPO / "data", today=TODAY).dataset
    assert dataset is not None
    return build_referral_index(dataset)


@pytest.mark.parametrize(("query", "must", "must_not", "crisis"), TABLE, ids=[row[0] for row in TABLE])
def test_table_of_misreadings(
    index: ReferralIndex, query: str, must: set[str], must_not: set[str], crisis: bool
) -> None:
    result = refer(index, query, today=TODAY)
    assert (set(result.topics) >= must, set(result.topics) & must_not, bool(result.crisis)) == (True, set(), crisis)


@pytest.mark.parametrize(("query", "must", "must_not", "crisis"), TABLE, ids=[row[0] for row in TABLE])
def test_table_of_misreadings_in_cli(
    capsys: pytest.CaptureFixture[str], query: str, must: set[str], must_not: set[str], crisis: bool
) -> None:
    code = main(["refer", query, "--format", "json", "--data", str(REPO / "data"), "--as-of", TODAY.isoformat()])
    payload = json.loads(capsys.readouterr().out)
    topics = set(payload["topics"])
    assert (code, topics >= must, topics & must_not, bool(payload["crisis"])) == (0, True, set(), crisis)


@pytest.mark.parametrize(("query", "must", "must_not", "crisis"), TABLE, ids=[row[0] for row in TABLE])
def test_table_of_misreadings_on_page(
    monkeypatch: pytest.MonkeyPatch, query: str, must: set[str], must_not: set[str], crisis: bool
) -> None:
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    at.text_input(key="v_query").input(query).run()
    topics = set(at.multiselect(key=f"v_topics::{query}").value)
    shows_crisis = any(e.value.startswith("**Akute Krise – zuerst Hilfe holen**") for e in at.error)
    assert (topics >= must, topics & must_not, shows_crisis) == (True, set(), crisis)


@pytest.mark.parametrize(("query", "kinds"), CRISIS_KINDS, ids=[row[0] for row in CRISIS_KINDS])
def test_crisis_kind_of_everyday_sentences(index: ReferralIndex, query: str, kinds: tuple[str, ...]) -> None:
    assert refer(index, query, today=TODAY).crisis_kinds == kinds


def test_removing_every_topic_says_so(index: ReferralIndex) -> None:
    result = refer(index, "macht blau", without={"schulabsentismus"}, today=TODAY)
    assert (result.topics, result.offers, result.message) == (
        (),
        (),
        "Alle erkannten Themen sind abgewählt. Wählen Sie unter „Nicht das Richtige?“ ein Thema aus der Liste.",
    )


def test_crisis_help_comes_first_and_names_the_step(index: ReferralIndex) -> None:
    result = refer(index, "Sie hat Suizidgedanken", school="gym-am-ulmenplatz", today=TODAY)
    assert [s.id for s in result.crisis][:3] == ["notruf-polizei", "notruf-rettungsdienst", "telefonseelsorge"]
    assert (result.crisis[0].phone, result.crisis[0].hours) == ("110", "rund um die Uhr")
    assert [s.kind for s in result.crisis_steps] == ["suizid"]
    assert result.evidence[0].text() == "‚Suizidgedanken‘ → Suizidgefahr → Krise"
    # The Netzwerkstelle (an e-mail inbox for professionals) is no offer for a family.
    assert "netzwerkstelle-schulerfolg" not in [o.id for o in result.offers]


def test_cli_json_has_crisis_key() -> None:
    def run(query: str) -> dict[str, object]:
        out = subprocess.run(
            [sys.executable, "-m", "graph", "refer", query, "--format", "json", "--data", str(REPO / "data")],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        ).stdout
        return dict(json.loads(out))

    crisis = run("ritzt sich")["crisis"]
    assert isinstance(crisis, list)
    assert [(c["id"], c["phone"], c["why"]) for c in crisis][:2] == [
        ("notruf-rettungsdienst", "112", "Hilfe bei: Selbstverletzung"),
        ("telefonseelsorge", "0800 111 0 111", "Hilfe bei: Selbstverletzung"),
    ]
    assert run("schwänzt seit Wochen")["crisis"] == []


def test_cli_text_prints_crisis_block_first() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "graph", "refer", "will nicht mehr leben", "--data", str(REPO / "data")],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    lines = out.splitlines()
    assert lines[0] == "!!! KRISE – zuerst Hilfe holen !!!"
    assert lines[1] == "  Polizei – Notruf 110: Tel. 110 (Hilfe bei: Suizidgefahr; rund um die Uhr)"


def test_app_shows_crisis_help_above_offers(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    at.text_input(key="v_query").input("will sich umbringen").run()
    assert not at.exception
    assert at.error[0].value.startswith("**Akute Krise – zuerst Hilfe holen**")
    markdown = [m.value for m in at.markdown]
    services = next(m for m in markdown if "tel:110" in m)
    assert (
        services.splitlines()[0]
        == "- **Polizei – Notruf 110**: [110](tel:110) · rund um die Uhr · Hilfe bei\\: Suizidgefahr"
    )
    assert markdown.index(services) < min(i for i, m in enumerate(markdown) if m.startswith("**Erkannt:**"))
    handout_at = at.segmented_control(key="h_kind").set_value("search").run()
    page = next(f for f in handout_at.get("iframe") if "Akute Krise" in f.proto.srcdoc)
    assert 'href="tel:110"' in page.proto.srcdoc


def test_app_normal_need_has_no_crisis_and_can_be_corrected(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    at.text_input(key="v_query").input("Umgang mit dem Handy").run()
    assert not at.error
    assert "**Erkannt:** ‚Umgang mit dem Handy‘ → Medien" in [m.value for m in at.markdown]
    at.multiselect(key="v_topics::Umgang mit dem Handy").set_value(["sucht"]).run()
    assert "Themen von Hand geändert: Sucht" in [c.value for c in at.caption]


def test_app_school_sets_the_scope_and_ticked_offers_make_the_handout(
    index: ReferralIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    offers = refer(index, "schwänzt", school="gs-am-ebereschenweg", today=TODAY).offers
    assert len(offers) >= 2
    at = run_page("vermittlung", REPO / "data", monkeypatch)
    at.selectbox(key="v_school").set_value("gs-am-ebereschenweg").run()
    at.text_input(key="v_query").input("schwänzt").run()
    captions = [c.value for c in at.caption]
    assert (
        "Eingegrenzt auf: Grundschule Am Ebereschenweg \\(Stadtteil Trotha · Grundschule \\(Primarstufe\\) · "
        "Alter 6–10 Jahre\\)" in captions
    )
    assert at.checkbox(key=f"pick::schwänzt::{offers[0].id}").value is False
    at.checkbox(key=f"pick::schwänzt::{offers[1].id}").check().run()
    (page,) = [f.proto.srcdoc for f in at.get("iframe")]
    assert offers[1].name in page and offers[0].name not in page
    assert "1 Angebot aus der Suche angehakt." in " ".join(c.value for c in at.caption)

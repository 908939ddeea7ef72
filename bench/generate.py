"""Synthetic networks in the data format of ``data/``: any size, valid, deterministic for a seed.

The vocabulary is the bundled ``data/vocabulary.yaml`` (copied unchanged); actors and relations
are drawn so that kinds, districts, topics and relation types keep roughly the proportions of
the demo data, and partners are picked by preferential attachment, so a few committees,
carriers and counselling services become hubs as in the real network.

Run: ``.venv/bin/python -m bench.generate 2000 /tmp/net2000 [--seed 7]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["KIND_SHARES", "RELATION_SHARES", "SIZES", "Network", "generate", "write_network"]

REPO = Path(__file__).resolve().parents[1]
VOCABULARY = REPO / "data" / "vocabulary.yaml"

#: Sizes the benchmark uses.
SIZES = (300, 2_000, 10_000)

#: Share of each actor kind (demo data: 32 of 78 schools, 12 counselling services, …).
KIND_SHARES = {
    "schule": 0.41,
    "traeger": 0.13,
    "beratung": 0.15,
    "bildungsanbieter": 0.06,
    "behoerde": 0.07,
    "gremium": 0.09,
    "projekt": 0.09,
}

#: Share of each relation type among all relations (demo data: 57 of 217 cooperations, …).
RELATION_SHARES = {
    "kooperation": 0.26,
    "mitglied": 0.25,
    "verweist": 0.18,
    "schulsozialarbeit": 0.13,
    "traegerschaft": 0.11,
    "foerderung": 0.07,
}

#: Relations per actor, as in the demo data (217 / 78 ≈ 2.8).
RELATIONS_PER_ACTOR = 3.0

_SCHOOL_TYPES = {
    "grundschule": 0.45,
    "sekundarschule": 0.12,
    "gymnasium": 0.12,
    "gemeinschaftsschule": 0.1,
    "gesamtschule-igs": 0.05,
    "gesamtschule-kgs": 0.03,
    "foerderschule-lernen": 0.05,
    "foerderschule-geistige-entwicklung": 0.03,
    "berufsbildende-schule": 0.05,
}
_SCHOOL_WORDS = {
    "grundschule": "Grundschule",
    "sekundarschule": "Sekundarschule",
    "gymnasium": "Gymnasium",
    "gemeinschaftsschule": "Gemeinschaftsschule",
    "gesamtschule-igs": "IGS",
    "gesamtschule-kgs": "KGS",
    "foerderschule-lernen": "Förderschule",
    "foerderschule-geistige-entwicklung": "Förderschule",
    "berufsbildende-schule": "Berufsbildende Schule",
}
_PLACES = (
    "Am Lindenweg",
    "Am Ahornhof",
    "An der Saale",
    "Am Birkenhain",
    "Heideblick",
    "Am Eichengrund",
    "Rosengarten",
    "Am Weidenbach",
    "Sonnenberg",
    "Am Kastanienplatz",
    "Lerchenfeld",
    "Am Holunderweg",
)
_KIND_NAMES = {
    "traeger": ("Jugendhilfe", "Kinder- und Familienhilfe", "Bildungswerk", "Sozialwerk"),
    "beratung": ("Erziehungsberatung", "Suchtberatung", "Familienberatung", "Jugendberatung", "Migrationsberatung"),
    "bildungsanbieter": ("Lernwerkstatt", "Medienwerkstatt", "Nachhilfe", "Berufsorientierung"),
    "behoerde": ("Allgemeiner Sozialer Dienst", "Schulamt", "Jugendamt Außenstelle", "Jobcenter Team"),
    "gremium": ("Arbeitskreis", "AG nach § 78", "Netzwerk", "Runder Tisch"),
    "projekt": ("Schulverweigerung – 2. Chance", "Elterncafé", "Mädchentreff", "Lernpaten", "Streitschlichter"),
}
#: Topics offered more often than others (demo data: absenteeism, family and learning lead).
_TOPIC_WEIGHT = {"schulabsentismus": 4, "familie": 4, "lernen": 3, "berufsorientierung": 3, "armut": 2, "mobbing": 2}
_LANGUAGES = ("en", "ar", "ru", "uk", "tr", "fa", "vi", "pl")
_AGES = {"primarstufe": (6, 10), "sek1": (10, 16), "sek2": (16, 19)}
#: No "bba": a BbA grant must reach exactly one school within one school year (graph.data.planrules), which random
#: funding relations do not; "kommunal" takes its place, and four entries as before keep the random sequence.
_PROGRAMMES = ("esf-plus-schulerfolg", "kommunal", "demokratie-leben", "kommunal")
#: Fixed reference day: generated dates never depend on the calendar.
BASE_DAY = dt.date(2026, 10, 1)


@dataclass
class Network:
    """Generated actors and relations as plain mappings in file order."""

    actors: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)


def _vocabulary_ids() -> dict[str, list[str]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    lists = yaml.load(VOCABULARY.read_text(encoding="utf-8"), Loader=loader)
    return {name: [term["id"] for term in terms] for name, terms in lists.items()}


def _counts(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Split ``total`` by ``shares``; rounding leftovers go to the first key."""
    counts = {key: int(total * share) for key, share in shares.items()}
    first = next(iter(shares))
    counts[first] += total - sum(counts.values())
    return counts


class _Maker:
    """Draws one network; all randomness comes from one seeded generator."""

    def __init__(self, size: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = _vocabulary_ids()
        self.size = size
        topics = self.vocab["topics"]
        self.topic_weights = [_TOPIC_WEIGHT.get(t, 1) for t in topics]
        self.by_kind: dict[str, list[str]] = {}
        self.kind_of: dict[str, str] = {}
        self.seen: set[tuple[str, str, str]] = set()
        self.network = Network()

    def _day(self, spread: int) -> str:
        return (BASE_DAY - dt.timedelta(days=self.rng.randrange(spread))).isoformat()

    def _topics(self, low: int, high: int) -> list[str]:
        chosen = self.rng.choices(self.vocab["topics"], self.topic_weights, k=self.rng.randint(low, high))
        return list(dict.fromkeys(chosen))

    def _area(self, district: str) -> list[str]:
        roll = self.rng.random()
        if roll < 0.3:
            return ["stadtweit"]
        if roll < 0.55:
            return [self.rng.choice(self.vocab["stadtbezirke"])]
        extra = self.rng.sample(self.vocab["districts"], self.rng.randint(0, 2))
        return list(dict.fromkeys([district, *extra]))

    def actor(self, kind: str, number: int) -> dict[str, Any]:
        rng = self.rng
        actor_id = f"{kind}-{number:05d}"
        district = rng.choice(self.vocab["districts"])
        place = rng.choice(_PLACES)
        entry: dict[str, Any] = {"id": actor_id, "kind": kind}
        if kind == "schule":
            school_type = rng.choices(list(_SCHOOL_TYPES), list(_SCHOOL_TYPES.values()))[0]
            entry["name"] = f"{_SCHOOL_WORDS[school_type]} {place} {number}"
            entry["subtype"] = school_type
            entry["district"] = district
            entry["topics"] = self._topics(0, 2)
        else:
            entry["name"] = f"{rng.choice(_KIND_NAMES[kind])} {place} {number}"
            entry["district"] = district
            entry["topics"] = self._topics(1, 4)
            if kind != "gremium":
                entry["service_area"] = self._area(district)
                level = rng.choice(list(_AGES))
                audiences = rng.sample(self.vocab["audiences"], rng.randint(1, 3))
                entry["target_groups"] = {
                    "audiences": audiences,
                    "age_min": _AGES[level][0],
                    "age_max": _AGES[level][1],
                }
                entry["languages"] = ["de", *rng.sample(_LANGUAGES, rng.choice((0, 0, 1, 2)))]
        if rng.random() < 0.85:
            entry["contact"] = {
                "role": "Sekretariat" if kind == "schule" else "Koordination",
                "email": f"{actor_id}@example.org",
                "phone": f"0345 555 {number % 10_000:04d}",
            }
        entry["provenance"] = "demo"
        entry["verified"] = self._day(300)
        return entry

    def actors(self) -> None:
        counts = _counts(self.size, KIND_SHARES)
        number = 0
        for kind, count in counts.items():
            for _ in range(count):
                number += 1
                entry = self.actor(kind, number)
                self.network.actors.append(entry)
                self.by_kind.setdefault(kind, []).append(entry["id"])
                self.kind_of[entry["id"]] = kind

    def _pick(self, kinds: tuple[str, ...]) -> str:
        """A uniformly drawn actor of one of ``kinds`` (kinds weighted by how many actors they have)."""
        kind = self.rng.choices(kinds, [len(self.by_kind.get(k, ())) for k in kinds])[0]
        return self.rng.choice(self.by_kind[kind])

    def _hub(self, kinds: tuple[str, ...]) -> str:
        """Mostly preferential attachment: an end of a random existing relation, so hubs grow."""
        relations = self.network.relations
        if relations and self.rng.random() < 0.6:
            for _ in range(8):
                relation = self.rng.choice(relations)
                end = str(relation[self.rng.choice(("source", "target"))])
                if self.kind_of[end] in kinds:
                    return end
        return self._pick(kinds)

    def relation(self, rel_type: str, source: str, target: str) -> bool:
        key = (
            (min(source, target), max(source, target), rel_type)
            if rel_type == "kooperation"
            else (source, target, rel_type)
        )
        if source == target or key in self.seen:
            return False
        self.seen.add(key)
        rng = self.rng
        number = len(self.network.relations) + 1
        entry: dict[str, Any] = {
            "id": f"{rel_type[:4]}-{number:06d}",
            "source": source,
            "target": target,
            "type": rel_type,
        }
        since = BASE_DAY - dt.timedelta(days=rng.randrange(200, 2_000))
        entry["since"] = since.isoformat()
        if rng.random() < 0.08:
            entry["until"] = (since + dt.timedelta(days=rng.randrange(100, 900))).isoformat()
        if rel_type in ("kooperation", "verweist") and rng.random() < 0.6:
            entry["topics"] = self._topics(1, 2)
        entry["strength"] = 3 if rel_type in ("schulsozialarbeit", "traegerschaft") else rng.choice((1, 2, 2, 3))
        if rel_type == "schulsozialarbeit":
            entry["funding"] = {"programme": "esf-plus-schulsozialarbeit"}
        elif rel_type == "foerderung":
            entry["funding"] = {"programme": rng.choice(_PROGRAMMES), "amount": rng.randrange(5, 200) * 1000}
        entry["provenance"] = "demo"
        entry["verified"] = self._day(300)
        self.network.relations.append(entry)
        return True

    def _ends(self, rel_type: str) -> tuple[str, str]:
        all_kinds = tuple(KIND_SHARES)
        providers = ("beratung", "bildungsanbieter", "projekt", "traeger", "behoerde")
        if rel_type == "schulsozialarbeit":
            return self._hub(("traeger",)), self._pick(("schule",))
        if rel_type == "traegerschaft":
            return self._hub(("traeger", "behoerde")), self._pick(("projekt", "beratung", "bildungsanbieter"))
        if rel_type == "mitglied":
            return self._pick(all_kinds), self._hub(("gremium",))
        if rel_type == "foerderung":
            return self._hub(("behoerde", "gremium", "traeger")), self._pick(("projekt", "traeger", "bildungsanbieter"))
        if rel_type == "verweist":
            return self._pick(("schule", "traeger", "behoerde")), self._hub(providers)
        return self._pick(all_kinds), self._hub(all_kinds)

    def relations(self) -> None:
        counts = _counts(round(self.size * RELATIONS_PER_ACTOR), RELATION_SHARES)
        plan = [rel_type for rel_type, count in counts.items() for _ in range(count)]
        self.rng.shuffle(plan)
        for rel_type in plan:
            for _ in range(20):  # retry on a duplicate or a self relation
                source, target = self._ends(rel_type)
                if self.relation(rel_type, source, target):
                    break
        isolated = self.rng.choice(self.by_kind["bildungsanbieter"])  # one actor without relations, as in the demo
        self.network.relations = [r for r in self.network.relations if isolated not in (r["source"], r["target"])]


def generate(size: int, seed: int = 7) -> Network:
    """Draw a network of ``size`` actors and about three relations per actor.

    Parameters
    ----------
    size : int
        Number of actors (at least 20, so that every kind occurs).
    seed : int
        Seed of the random generator: the same seed gives the same network.

    Returns
    -------
    Network
        Actors and relations as plain mappings, ready for :func:`write_network`.

    Examples
    --------
    >>> net = generate(100, seed=1)
    >>> len(net.actors), 250 <= len(net.relations) <= 300, net.actors[0]["kind"]
    (100, True, 'schule')
    """
    if size < 20:
        raise ValueError("size must be at least 20")
    maker = _Maker(size, seed)
    maker.actors()
    maker.relations()
    return maker.network


def _scalar(value: Any) -> str:
    if isinstance(value, str) and (value.replace("-", "").isalnum() and value.isascii() and not value[0].isdigit()):
        return value
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _date_or_scalar(key: str, value: Any) -> str:
    return str(value) if key in ("since", "until", "verified") else _scalar(value)


def _lines(entry: dict[str, Any]) -> Iterator[str]:
    prefix = "- "
    for key, value in entry.items():
        if isinstance(value, dict):
            yield f"{prefix}{key}:"
            for sub, item in value.items():
                shown = "[" + ", ".join(_scalar(x) for x in item) + "]" if isinstance(item, list) else _scalar(item)
                yield f"    {sub}: {shown}"
        elif isinstance(value, list):
            yield f"{prefix}{key}: [" + ", ".join(_scalar(x) for x in value) + "]"
        else:
            yield f"{prefix}{key}: {_date_or_scalar(key, value)}"
        prefix = "  "


def _write(path: Path, title: str, entries: list[dict[str, Any]]) -> None:
    lines = [f"# {title} – synthetisch erzeugt (bench/generate.py), keine echten Daten."]
    for entry in entries:
        lines.extend(_lines(entry))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_network(folder: str | Path, size: int, seed: int = 7) -> Network:
    """Generate a network and write it as a data folder (vocabulary, actors, relations).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = write_network(folder, 50)
    >>> sorted(p.name for p in folder.iterdir())
    ['actors.yaml', 'relations.yaml', 'vocabulary.yaml']
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    network = generate(size, seed)
    shutil.copyfile(VOCABULARY, target / "vocabulary.yaml")
    _write(target / "actors.yaml", f"{size} Akteure", network.actors)
    _write(target / "relations.yaml", f"{len(network.relations)} Beziehungen", network.relations)
    return network


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m bench.generate SIZE FOLDER [--seed N]``."""
    parser = argparse.ArgumentParser(description="Synthetisches Netz im Datenformat erzeugen.")
    parser.add_argument("size", type=int)
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    network = write_network(args.folder, args.size, args.seed)
    print(f"{args.folder}: {len(network.actors)} Akteure, {len(network.relations)} Beziehungen")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the metrics mean: German labels and explanations, and the note on a sampled betweenness."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

__all__ = [
    "ACTOR_METRICS",
    "METRIC_INFO",
    "NETWORK_INFO",
    "SEED",
    "MetricInfo",
    "MetricsMethod",
    "metrics_method",
]

#: Seed for Louvain and sampled betweenness, so results are the same on every run.
SEED = 42


@dataclass(frozen=True)
class MetricInfo:
    """German label and plain-language explanation of one figure."""

    label: str
    explanation: str


#: Per-actor metrics: column id -> German label and explanation (in table order).
METRIC_INFO: dict[str, MetricInfo] = {
    "neighbours": MetricInfo(
        "Direkte Partner",
        "Anzahl der Akteure, mit denen eine Beziehung besteht (gleich welcher Art, jeder Partner zählt einmal).",
    ),
    "degree": MetricInfo(
        "Vernetzungsgrad",
        "Anteil aller anderen Akteure, mit denen eine direkte Beziehung besteht (0 = keine, 1 = mit allen). "
        "Hoch: gut vernetzt, kennt viele direkt.",
    ),
    "in_degree": MetricInfo(
        "Eingehende Beziehungen",
        "Anteil der anderen Akteure, von denen eine gerichtete Beziehung hierher führt (z. B. „verweist an“, "
        "„fördert“). Hoch: viele wenden sich hierher, etwa als Anlaufstelle für Verweisungen.",
    ),
    "out_degree": MetricInfo(
        "Ausgehende Beziehungen",
        "Anteil der anderen Akteure, zu denen eine gerichtete Beziehung von hier ausgeht. "
        "Hoch: verweist oder fördert viele, wirkt als Verteiler.",
    ),
    "betweenness": MetricInfo(
        "Brückenakteur",
        "Verbindet Gruppen, die sonst nicht oder nur über Umwege verbunden wären: Anteil der kürzesten Wege "
        "zwischen zwei anderen Akteuren, die über diesen Akteur laufen. Hoch: wichtige Schnittstelle; "
        "fällt sie weg, reißen Verbindungen ab.",
    ),
    "closeness": MetricInfo(
        "Nähe",
        "Wie schnell dieser Akteur alle anderen über wenige Zwischenschritte erreicht (NetworkX-Nähe; "
        "in einem zerfallenen Netz nach Größe des eigenen Teilnetzes gewichtet). Hoch: Informationen kommen "
        "schnell an und gehen schnell weiter.",
    ),
    "harmonic": MetricInfo(
        "Harmonische Nähe",
        "Wie Nähe, aber auch bei getrennten Teilnetzen vergleichbar: Mittel aus 1/Schritte zu allen anderen "
        "(nicht erreichbare zählen 0). Hoch: erreicht viele Akteure in wenigen Schritten.",
    ),
    "eigenvector": MetricInfo(
        "Einfluss",
        "Vernetzt mit Akteuren, die selbst gut vernetzt sind (Eigenvektor-Zentralität je Teilnetz, gewichtet "
        "mit dessen Anteil am Gesamtnetz). Hoch: sitzt im gut vernetzten Kern.",
    ),
    "core": MetricInfo(
        "Kernzugehörigkeit",
        "k-Kern: der Akteur gehört zu einer Gruppe, in der jeder mindestens k Partner in derselben Gruppe hat. "
        "Hoch: Teil des dicht vernetzten Kerns; 1: eher am Rand.",
    ),
    "constraint": MetricInfo(
        "Abhängigkeit (Burt)",
        "Wie stark die Partner dieses Akteurs auch untereinander verbunden sind. Hoch: alle Kontakte kennen "
        "sich, wenig eigene Brückenfunktion; niedrig: verbindet sonst getrennte Kontakte. "
        "Leer bei Akteuren ohne Beziehung.",
    ),
    "effective_size": MetricInfo(
        "Nicht überlappende Kontakte",
        "Effektive Netzwerkgröße nach Burt: Zahl der Partner, abzüglich der Überschneidung unter ihnen. "
        "Hoch: viele Kontakte, die sich nicht gegenseitig kennen. Leer bei Akteuren ohne Beziehung.",
    ),
    "community": MetricInfo(
        "Gruppe",
        "Nummer der eng verbundenen Gruppe (Louvain-Verfahren, fester Zufallswert); 1 ist die größte Gruppe. "
        "Akteure derselben Gruppe arbeiten untereinander mehr zusammen als mit anderen.",
    ),
    "reach2": MetricInfo(
        "Reichweite in zwei Schritten",
        "Anzahl der Akteure, die direkt oder über einen Zwischenschritt erreichbar sind („Partner von Partnern“).",
    ),
}

#: Ids of the per-actor metrics in table order.
ACTOR_METRICS: tuple[str, ...] = tuple(METRIC_INFO)

#: Network-level figures: id -> German label and explanation.
NETWORK_INFO: dict[str, MetricInfo] = {
    "actors": MetricInfo("Akteure", "Anzahl der Akteure im (Teil-)Netz."),
    "relations": MetricInfo("Beziehungen", "Anzahl der Beziehungen; mehrere Beziehungen eines Paares zählen einzeln."),
    "ties": MetricInfo("Verbundene Paare", "Anzahl der Akteurspaare mit mindestens einer Beziehung."),
    "density": MetricInfo(
        "Dichte", "Anteil der möglichen Paare, die tatsächlich verbunden sind (0 = keine, 1 = jeder mit jedem)."
    ),
    "components": MetricInfo(
        "Teilnetze",
        "Anzahl der Teile, die untereinander gar nicht verbunden sind; isolierte Akteure zählen je als eigenes Teil.",
    ),
    "isolates": MetricInfo("Isolierte Akteure", "Akteure ohne jede Beziehung."),
    "largest_component": MetricInfo("Größtes Teilnetz", "Anzahl der Akteure im größten verbundenen Teil."),
    "average_path_length": MetricInfo(
        "Mittlere Weglänge",
        "Durchschnittliche Zahl der Schritte zwischen zwei Akteuren im größten Teilnetz. "
        "Klein: Informationen kommen über wenige Stationen an.",
    ),
    "clustering": MetricInfo(
        "Clusterkoeffizient",
        "Wie oft zwei Partner eines Akteurs auch selbst verbunden sind (Mittel über alle Akteure). "
        "Hoch: viele geschlossene Dreiecke, enge Zusammenarbeit in Gruppen.",
    ),
    "centralization": MetricInfo(
        "Zentralisierung",
        "Wie stark sich die Beziehungen auf einen einzigen Akteur konzentrieren (Freeman, 1 = Stern, "
        "0 = alle gleich). Hoch: das Netz hängt an einer Stelle.",
    ),
}


@dataclass(frozen=True)
class MetricsMethod:
    """How :func:`actor_metrics` computes betweenness, for a note on the page.

    ``exact`` is false only when betweenness is sampled; then ``note`` explains it in German,
    ``error_bound`` is the largest deviation of any actor's value from the exact one with 95 %
    confidence, and ``seed`` makes the sample the same on every run.
    """

    exact: bool
    betweenness: str
    note: str | None = None
    error_bound: float | None = None
    seed: int | None = None


def metrics_method(h: nx.Graph, betweenness_sample: int | None = None, seed: int = SEED) -> MetricsMethod:
    """Describe how :func:`actor_metrics` computes betweenness on ``h`` with these options.

    Every metric is exact except betweenness with ``betweenness_sample``. The sampled estimate
    averages the dependencies of k randomly chosen sources (k - 1 for a sampled actor itself),
    each a value in [0, 1] after normalisation, so Hoeffding's inequality with a union bound over
    all n actors gives, with 95 % confidence, a deviation of at most
    ``sqrt(ln(2 n / 0.05) / (2 (k - 1)))`` for every actor at once.

    Parameters
    ----------
    h : networkx.Graph
        The metric graph.
    betweenness_sample : int, optional
        Number of sampled sources, as passed to :func:`actor_metrics`.
    seed : int
        Seed of the sample.

    Returns
    -------
    MetricsMethod
        ``exact``, the algorithm's name, and for a sample a German ``note``, ``error_bound`` and ``seed``.

    Examples
    --------
    >>> metrics_method(nx.path_graph(5)).betweenness
    'Brandes, exakt (kompiliert, gleich NetworkX)'
    >>> m = metrics_method(nx.path_graph(1000), betweenness_sample=200)
    >>> m.exact, round(m.error_bound, 3), m.seed
    (False, 0.163, 42)
    """
    n = len(h)
    if betweenness_sample is None or betweenness_sample >= n:
        name = (
            "NetworkX (Brandes, exakt, gewichtet)"
            if h.graph.get("weighted")
            else "Brandes, exakt (kompiliert, gleich NetworkX)"
        )
        return MetricsMethod(True, name)
    k = max(2, betweenness_sample)
    bound = math.sqrt(math.log(2 * n / 0.05) / (2 * (k - 1)))
    note = (
        f"„Brückenakteur“ ist geschätzt aus {k} zufällig gewählten Startpunkten (fester Zufallswert {seed}, "
        f"jede Berechnung gleich): Mit 95 % Sicherheit weicht jeder Wert höchstens um {bound:.3f} vom genauen ab."
    )
    return MetricsMethod(False, f"NetworkX (Brandes, Stichprobe k = {k})", note, bound, seed)

"""What the metrics mean: German labels and explanations, and the note on a sampled betweenness."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

__all__ = [
    "ACTOR_METRICS",
    "COUNT_FIGURES",
    "COUNT_METRICS",
    "LITERATURE",
    "METRIC_INFO",
    "NETWORK_INFO",
    "RANKED_METRICS",
    "SEED",
    "MetricInfo",
    "MetricsMethod",
    "metrics_method",
]

#: Seed for Louvain and sampled betweenness, so results are the same on every run.
SEED = 42


@dataclass(frozen=True)
class MetricInfo:
    """German label, plain-language explanation (no jargon) and the method with its literature."""

    label: str
    explanation: str
    method: str = ""


#: Per-actor metrics: column id -> German label and explanation (in table order).
METRIC_INFO: dict[str, MetricInfo] = {
    "neighbours": MetricInfo(
        "Direkte Partner",
        "Anzahl der Akteure, mit denen eine Beziehung besteht (gleich welcher Art, jeder Partner zählt einmal).",
        "Grad des Akteurs im ungerichteten Graphen; mehrere Beziehungen eines Paares zählen als eine Kante.",
    ),
    "degree": MetricInfo(
        "Vernetzungsgrad",
        "Anteil aller anderen Akteure, mit denen eine direkte Beziehung besteht (0 = keine, 1 = mit allen). "
        "Hoch: gut vernetzt, kennt viele direkt.",
        "Degree-Zentralität (Freeman 1978/79): Grad geteilt durch n − 1, wie `degree_centrality` in NetworkX "
        "(Hagberg u. a. 2008), mit dem alle Kennzahlen geprüft sind.",
    ),
    "in_degree": MetricInfo(
        "Eingehende Beziehungen",
        "Anteil der anderen Akteure, von denen eine gerichtete Beziehung hierher führt (z. B. „verweist an“, "
        "„fördert“). Hoch: viele wenden sich hierher, etwa als Anlaufstelle für Verweisungen.",
        "In-Degree-Zentralität: verschiedene Partner mit einer Beziehung hierher, geteilt durch n − 1; "
        "ungerichtete Beziehungen (Kooperation) zählen in beide Richtungen.",
    ),
    "out_degree": MetricInfo(
        "Ausgehende Beziehungen",
        "Anteil der anderen Akteure, zu denen eine gerichtete Beziehung von hier ausgeht. "
        "Hoch: verweist oder fördert viele, wirkt als Verteiler.",
        "Out-Degree-Zentralität: verschiedene Partner mit einer Beziehung von hier, geteilt durch n − 1; "
        "ungerichtete Beziehungen zählen in beide Richtungen.",
    ),
    "betweenness": MetricInfo(
        "Brückenakteur",
        "Verbindet Gruppen, die sonst nicht oder nur über Umwege verbunden wären: Anteil der kürzesten Wege "
        "zwischen zwei anderen Akteuren, die über diesen Akteur laufen. Hoch: wichtige Schnittstelle; "
        "fällt sie weg, reißen Verbindungen ab.",
        "Betweenness-Zentralität (Freeman 1977), normiert auf 0 bis 1, berechnet mit dem Algorithmus von Brandes "
        "(2001), gleich NetworkX. Gewichtet gilt eine starke Beziehung als kurzer Weg (Abstand 1/Stärke).",
    ),
    "closeness": MetricInfo(
        "Nähe",
        "Wie schnell dieser Akteur alle anderen über wenige Zwischenschritte erreicht; besteht das Netz aus "
        "getrennten Teilen, zählt auch, wie groß der eigene Teil ist. Hoch: Informationen kommen schnell an und "
        "gehen schnell weiter.",
        "Closeness-Zentralität (Freeman 1978/79) wie `closeness_centrality` in NetworkX, mit der Korrektur von "
        "Wasserman und Faust (1994) für nicht zusammenhängende Netze: (r − 1)/(n − 1) · (r − 1)/Summe der "
        "Abstände, r = Zahl der erreichbaren Akteure einschließlich des Akteurs selbst.",
    ),
    "harmonic": MetricInfo(
        "Harmonische Nähe",
        "Wie Nähe, aber auch bei getrennten Teilen des Netzes vergleichbar: nahe Akteure zählen viel, ferne "
        "wenig, nicht erreichbare gar nicht. Hoch: erreicht viele Akteure in wenigen Schritten.",
        "Harmonische Zentralität (Marchiori und Latora 2000; Boldi und Vigna 2014): Summe von 1/Abstand zu allen "
        "anderen Akteuren, geteilt durch n − 1.",
    ),
    "eigenvector": MetricInfo(
        "Einfluss",
        "Vernetzt mit Akteuren, die selbst gut vernetzt sind; besteht das Netz aus getrennten Teilen, zählt "
        "auch, wie groß der eigene Teil ist. Hoch: sitzt im gut vernetzten Kern.",
        "Eigenvektor-Zentralität (Bonacich 1972) je Teilnetz, gewichtet mit dessen Anteil an allen Akteuren.",
    ),
    "core": MetricInfo(
        "Kernzugehörigkeit",
        "Der Akteur gehört zu einer Gruppe, in der jeder mindestens so viele Partner in derselben Gruppe hat, "
        "wie die Zahl angibt. Hoch: Teil des dicht vernetzten Kerns; 1: eher am Rand.",
        "Kernzahl (k-Kern, Seidman 1983; Batagelj und Zaveršnik 2003): das größte k, für das der Akteur im k-Kern "
        "liegt, wie `core_number` in NetworkX.",
    ),
    "constraint": MetricInfo(
        "Abhängigkeit",
        "Wie stark die Partner dieses Akteurs auch untereinander verbunden sind. Hoch: alle Kontakte kennen "
        "sich, wenig eigene Brückenfunktion; niedrig: verbindet sonst getrennte Kontakte. "
        "Leer bei Akteuren ohne Beziehung.",
        "Constraint nach Burt (1992, „Structural Holes“), Formel wie `constraint` in NetworkX, dünn besetzt gerechnet.",
    ),
    "effective_size": MetricInfo(
        "Nicht überlappende Kontakte",
        "Zahl der Partner, abzüglich der Überschneidung unter ihnen. "
        "Hoch: viele Kontakte, die sich nicht gegenseitig kennen. Leer bei Akteuren ohne Beziehung.",
        "Effektive Netzwerkgröße nach Burt (1992), allgemeine Formel wie `effective_size` in NetworkX "
        "(ungewichtet gleich der Vereinfachung von Borgatti 1997).",
    ),
    "community": MetricInfo(
        "Gruppe",
        "Nummer der eng verbundenen Gruppe; 1 ist die größte Gruppe. Akteure derselben Gruppe arbeiten "
        "untereinander mehr zusammen als mit anderen. Die Einteilung ist bei jeder Berechnung gleich.",
        f"Louvain-Verfahren (Blondel u. a. 2008) mit festem Zufallswert {SEED}; Gruppen nach Größe nummeriert.",
    ),
    "reach2": MetricInfo(
        "Reichweite in zwei Schritten",
        "Anzahl der Akteure, die direkt oder über einen Zwischenschritt erreichbar sind („Partner von Partnern“).",
        "Zahl der Akteure im Abstand 1 oder 2, ohne den Akteur selbst.",
    ),
}

#: Ids of the per-actor metrics in table order.
ACTOR_METRICS: tuple[str, ...] = tuple(METRIC_INFO)
#: Metrics that are amounts, so they can size nodes and rank actors (the community number is a label).
RANKED_METRICS: tuple[str, ...] = tuple(m for m in ACTOR_METRICS if m != "community")
#: Per-actor metrics that are whole numbers.
COUNT_METRICS: tuple[str, ...] = ("neighbours", "core", "community", "reach2")

#: Network-level figures: id -> German label and explanation.
NETWORK_INFO: dict[str, MetricInfo] = {
    "actors": MetricInfo("Akteure", "Anzahl der Akteure im (Teil-)Netz."),
    "relations": MetricInfo("Beziehungen", "Anzahl der Beziehungen; mehrere Beziehungen eines Paares zählen einzeln."),
    "ties": MetricInfo("Verbundene Paare", "Anzahl der Akteurspaare mit mindestens einer Beziehung."),
    "density": MetricInfo(
        "Dichte",
        "Anteil der möglichen Paare, die tatsächlich verbunden sind (0 = keine, 1 = jeder mit jedem).",
        "Kanten geteilt durch n(n − 1)/2, wie `density` in NetworkX.",
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
        "Mittlere Länge der kürzesten Wege über alle Paare der größten Zusammenhangskomponente.",
    ),
    "clustering": MetricInfo(
        "Zusammenhalt",
        "Wie oft zwei Partner eines Akteurs auch selbst verbunden sind (Mittel über alle Akteure). "
        "Hoch: enge Zusammenarbeit in Gruppen.",
        "Mittlerer lokaler Clusterkoeffizient (Watts und Strogatz 1998), ungewichtet, wie `average_clustering` "
        "in NetworkX.",
    ),
    "centralization": MetricInfo(
        "Zentralisierung",
        "Wie stark sich die Beziehungen auf einen einzigen Akteur konzentrieren (1 = alle hängen an einem, "
        "0 = alle gleich). Hoch: das Netz hängt an einer Stelle.",
        "Grad-Zentralisierung nach Freeman (1979): Summe der Abstände zum höchsten Grad, geteilt durch (n − 1)(n − 2).",
    ),
}
#: Network figures that are whole numbers.
COUNT_FIGURES: tuple[str, ...] = ("actors", "relations", "ties", "components", "isolates", "largest_component")

#: Literature for the methods of :data:`METRIC_INFO` and :data:`NETWORK_INFO`, cited there by author and year.
LITERATURE: tuple[str, ...] = (
    "Batagelj, V.; Zaveršnik, M. (2003): An O(m) Algorithm for Cores Decomposition of Networks. arXiv cs/0310049.",
    "Blondel, V. D.; Guillaume, J.-L.; Lambiotte, R.; Lefebvre, E. (2008): Fast unfolding of communities in large "
    "networks. Journal of Statistical Mechanics, P10008.",
    "Boldi, P.; Vigna, S. (2014): Axioms for Centrality. Internet Mathematics 10, 222–262.",
    "Bonacich, P. (1972): Factoring and weighting approaches to status scores and clique identification. "
    "Journal of Mathematical Sociology 2, 113–120.",
    "Borgatti, S. P. (1997): Structural Holes: Unpacking Burt's Redundancy Measures. Connections 20 (1), 35–38.",
    "Brandes, U. (2001): A faster algorithm for betweenness centrality. Journal of Mathematical Sociology 25, 163–177.",
    "Burt, R. S. (1992): Structural Holes. The Social Structure of Competition. Harvard University Press.",
    "Freeman, L. C. (1977): A set of measures of centrality based on betweenness. Sociometry 40, 35–41.",
    "Freeman, L. C. (1978/79): Centrality in social networks: Conceptual clarification. Social Networks 1, 215–239.",
    "Hagberg, A.; Schult, D.; Swart, P. (2008): Exploring network structure, dynamics, and function using "
    "NetworkX. Proceedings of the 7th Python in Science Conference, 11–15.",
    "Marchiori, M.; Latora, V. (2000): Harmony in the small-world. Physica A 285, 539–546.",
    "Seidman, S. B. (1983): Network structure and minimum degree. Social Networks 5, 269–287.",
    "Wasserman, S.; Faust, K. (1994): Social Network Analysis. Methods and Applications. Cambridge University Press.",
    "Watts, D. J.; Strogatz, S. H. (1998): Collective dynamics of „small-world“ networks. Nature 393, 440–442.",
)


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
    seed : int, optional
        Seed of the sample (default :data:`SEED`); reported only for a sample.

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

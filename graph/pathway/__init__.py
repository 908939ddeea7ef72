"""Intervention pathways resolved per school: who exactly does what at this school, filled from the network.

One module per concern; import from here:

- :mod:`graph.pathway.resolve`: roles -> actors of one school, stages with their gaps (``school_pathway``),
- :mod:`graph.pathway.render`: the result as German text and Markdown, and the city-wide overview.
"""

from __future__ import annotations

from graph.pathway.render import pathway_markdown, pathway_overview, pathway_text
from graph.pathway.resolve import (
    BERATUNG_LIMIT,
    OWN_ROLES,
    PathwayError,
    ResolvedStage,
    Responsible,
    SchoolPathway,
    choose_pathway,
    resolve_roles,
    school_pathway,
    schools_pathways,
)

__all__ = [
    "BERATUNG_LIMIT",
    "OWN_ROLES",
    "PathwayError",
    "ResolvedStage",
    "Responsible",
    "SchoolPathway",
    "choose_pathway",
    "pathway_markdown",
    "pathway_overview",
    "pathway_text",
    "resolve_roles",
    "school_pathway",
    "schools_pathways",
]

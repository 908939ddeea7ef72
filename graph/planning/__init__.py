"""Planning views: Teilplanung Schulsozialarbeit per school year and the BbA funding overview.

Importing ``graph.planning`` gives everything of :mod:`graph.planning.ssa`, :mod:`graph.planning.bba` and
:mod:`graph.planning.years`; the German tables are in :mod:`graph.planning.ssa_tables` and
:mod:`graph.planning.bba_tables`.
"""

from __future__ import annotations

from graph.planning.bba import bba_cap, bba_changes, bba_grants, bba_overview, bba_view
from graph.planning.ssa import (
    COVERED,
    NONE,
    PARTIAL,
    STATUSES,
    esf_cliff,
    filter_schools,
    school_stadtbezirk,
    schools_by_name,
    ssa_changes,
    ssa_plan,
    ssa_programmes,
    ssa_totals,
    ssa_view,
    totals_by_stadtbezirk,
    year_status,
)
from graph.planning.years import default_years, year_options, years_between

__all__ = [
    "COVERED",
    "NONE",
    "PARTIAL",
    "STATUSES",
    "bba_cap",
    "bba_changes",
    "bba_grants",
    "bba_overview",
    "bba_view",
    "default_years",
    "esf_cliff",
    "filter_schools",
    "school_stadtbezirk",
    "schools_by_name",
    "ssa_changes",
    "ssa_plan",
    "ssa_programmes",
    "ssa_totals",
    "ssa_view",
    "totals_by_stadtbezirk",
    "year_options",
    "year_status",
    "years_between",
]

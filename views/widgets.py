"""Widgets that several pages show the same way; pages import them from here, never from another page."""

from __future__ import annotations

import streamlit as st

from views import texts as t

__all__ = ["profile_column"]


def profile_column() -> dict[str, object]:
    """Column config of a table's profile link column (:data:`views.texts.COL_PROFILE`): a small „Öffnen“ link."""
    return {t.COL_PROFILE: st.column_config.LinkColumn(t.COL_PROFILE, display_text=t.OPEN, width="small")}

"""Streamlit entry point: registers the pages of the dashboard (each page is a module in ``views/``)."""

from __future__ import annotations

import streamlit as st

from views import common
from views import texts as t

st.set_page_config(page_title=t.APP_TITLE, page_icon=":material/hub:", layout="wide")

PAGES = [
    st.Page("views/karte.py", title=t.PAGE_MAP, url_path="karte", icon=":material/hub:", default=True),
    st.Page("views/akteure.py", title=t.PAGE_ACTORS, url_path="akteure", icon=":material/groups:"),
    st.Page("views/kennzahlen.py", title=t.PAGE_METRICS, url_path="kennzahlen", icon=":material/monitoring:"),
    st.Page("views/luecken.py", title=t.PAGE_GAPS, url_path="luecken", icon=":material/report:"),
    st.Page("views/vermittlung.py", title=t.PAGE_REFERRAL, url_path="vermittlung", icon=":material/support_agent:"),
    st.Page("views/daten.py", title=t.PAGE_DATA, url_path="daten", icon=":material/database:"),
]
common.PAGES.update({page.url_path: page for page in PAGES})
st.navigation(PAGES).run()

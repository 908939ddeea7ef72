"""Streamlit entry point: registers the pages of the dashboard (each page is a module in ``views/``)."""

from __future__ import annotations

import streamlit as st

from views import common
from views import texts as t

st.set_page_config(page_title=t.APP_TITLE, layout="wide")  # no icons: Streamlit fetches a material favicon from Google
#: Contrast fixes the theme cannot express (WCAG 2.1 AA, checked by tests/test_a11y.py): Streamlit fades captions
#: with opacity 0.6, which also fades code and badges inside them (green code 3.0 : 1, orange badge 2.7 : 1), and draws
#: disabled link buttons and widget labels at 40 % (2.3–2.7 : 1). A solid grey keeps captions quieter than body text at 6.2 : 1.
A11Y_CSS = """<style>
div[data-testid="stCaptionContainer"] { opacity: 1; color: #62615f; }
a[data-testid^="stBaseLinkButton"][disabled], label[data-testid="stWidgetLabel"][disabled] { color: #62615f; }
</style>"""
st.html(A11Y_CSS)
common.require_login()

PAGES = [
    st.Page("views/karte.py", title=t.PAGE_MAP, url_path="karte", default=True),
    st.Page("views/akteure.py", title=t.PAGE_ACTORS, url_path="akteure"),
    st.Page("views/kennzahlen.py", title=t.PAGE_METRICS, url_path="kennzahlen"),
    st.Page("views/luecken.py", title=t.PAGE_GAPS, url_path="luecken"),
    st.Page("views/planung.py", title=t.PAGE_PLAN, url_path="planung"),
    st.Page("views/vermittlung.py", title=t.PAGE_REFERRAL, url_path="vermittlung"),
    st.Page("views/fruehwarnsystem.py", title=t.PAGE_EARLY_WARNING, url_path="fruehwarnsystem"),
    st.Page("views/daten.py", title=t.PAGE_DATA, url_path="daten"),
]
common.PAGES.update({page.url_path or "karte": page for page in PAGES})  # the default page has the empty path
st.navigation(PAGES).run()

"""Streamlit pages of the dashboard: widgets and layout only, every computation lives in ``graph``."""

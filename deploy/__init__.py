"""Serving past one process: N Streamlit replicas behind nginx (see deploy/README.md)."""

"""Benchmarks: a synthetic network generator and the performance table (``python -m bench``)."""

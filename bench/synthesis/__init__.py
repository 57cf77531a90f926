"""Evaluation harness of the synthesis engine: quality against people's categories, speed.

`python -m bench synthesis` (or `make bench-synthesis`); see runner.py.
"""

"""Evaluation harness of the synthesis engine: quality against people's categories, speed.

`python -m bench synthesis` (or `make bench-synthesis`); see runner.py. The BERTopic and
sentence-vector baselines run in their own environment: `make bench-synthesis-baseline`,
see baseline.py.
"""

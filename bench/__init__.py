"""Performance benches, run with `python -m bench` (`make bench`); see bench/__main__.py.

Budgets are ratios against a baseline measured in the same run on the same machine, so they
hold on a slow laptop and a fast CI runner alike. Timings are printed, never asserted in tests.
"""

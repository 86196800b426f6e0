"""Benchmarks for `make bench`: medians over repeated runs, printed as Markdown, all measured in one run.

Run ``python -m benchmarks`` (everything) or ``python -m benchmarks core`` (one section).
Timing here is a measurement for people to read; no test asserts on it.
"""

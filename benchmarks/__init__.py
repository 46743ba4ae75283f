"""Benchmarks over generated large models (see benchmarks/README.md).

Not part of the `opmodel` package: nothing here is installed, and nothing in `generator/`
imports it.
"""

"""Benchmarks (not tests): throughput beside the raw model, peak memory, Dask speed-up.

``newsgraph bench throughput|memory|dask --corpus PATH [--json]`` runs them; see
benchmarks/README.md for how to read the numbers and the last measured ones.
"""

"""Backfill: extraction of large archives spread over a Dask cluster, one writer to the store.

    sitroom backfill INPUT... --engine local|dask [--address tcp://host:8786]
                              [--workers N] [--partitions N] [--reconcile end|batch]

`sitroom.backfill.run.backfill` is the entry point (contract there); `inputs` plans and reads
partitions, `worker` runs in the engine's workers (pipeline loaded once per worker), `writer`
is the one writer. docs/scale.md: running on a cluster, measurements, the scale model.
"""

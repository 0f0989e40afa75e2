"""Extraction beyond one machine: `extract --dask` runs the extractor on a Dask cluster
(dask_run.py) and writes one quote file per partition of the input (parts.py); `ingest
--quotes` stores those files later, without spaCy or Dask. Importing this package imports
neither: dask_run.py brings Dask in, parts.py is plain JSON Lines."""

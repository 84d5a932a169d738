"""Bulk work past one process: ingest and embedding on Ray, jobs any server on the store runs."""

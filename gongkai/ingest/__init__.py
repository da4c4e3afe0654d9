"""Bulk ingest: many report files (folders, zips, lists of paths or URLs) read on every
core into a sink (JSON Lines, Parquet, or the web system's library).

`sources.expand` lists the files, `run.ingest` reads them and writes the outcomes,
`files` has the file sinks; `sink.ReportSink` is what any other store implements.
"""

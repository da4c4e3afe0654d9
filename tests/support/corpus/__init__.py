"""The accuracy corpus: reports in every input family with their truth (docs/accuracy.md).

`sources` (seeds and generated reports, planted inconsistencies), `narrative` (their
prose), `crawler` (crawled text), `producers` (PDFs, copy-paste text, Markdown), `cache`,
`build` (items and manifest; `python -m tests.support.corpus`), `scoring` (one reading
against its truth; bench/accuracy.py sums it per family).
"""

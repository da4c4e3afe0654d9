"""Build the corpus: every source in every input family, written with its truth.

`python -m tests.support.corpus [--smoke] [--out build/corpus]` (or `make corpus`) writes
`<out>/<family>/<item>.<ext>`, `<out>/truth/<source>.json` (the report as printed) and
`<out>/manifest.json` (items, their family and source, each source's printed
inconsistencies). Same plan, same files: every random choice is drawn from the plan's
seed, and converted, printed and scanned files are cached by content in
`build/corpus-cache`.
"""

from __future__ import annotations

import json
import random
import shutil
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from gongkai.render.html import render_html
from gongkai.render.text import LAYOUTS, render_text
from gongkai.render.xlsx import render_xlsx
from tests.support.corpus import (
    cms,
    mdconverters,
    office,
    producers,
    tablepicture,
    textlayers,
    wps,
)
from tests.support.corpus.cache import Cache
from tests.support.corpus.crawler import crawler_text
from tests.support.corpus.ofd import written_ofd
from tests.support.corpus.pasted import tables_pasted
from tests.support.corpus.sources import Source, generated_sources, seed_sources
from tests.support.scans import print_and_scan

ROOT = Path(__file__).resolve().parents[3]
PRODUCERS = ("weasyprint", "libreoffice")
FAMILIES = (
    "text.layouts",
    "text.crawler",
    "text.markdown-from-pdf",
    *(f"text.md-{style}" for style in mdconverters.STYLES),
    "html",
    "docx",
    "xlsx",
    "html.cms",
    "docx.wps",
    "docx.exported",
    "xlsx.office",
    "html.picture",
    "html.picturelink",
    "docx.picture",
    *(f"pdf.{p}" for p in PRODUCERS),
    *(f"copy.{mode}" for mode in (*producers.PDFTOTEXT_MODES, "pdfium")),
    *(f"scan.{p}" for p in PRODUCERS),
    "scan.ocrlayer",
    "pdf.badfonts",
    "pdf.baddigits",
    "pdf.pastedtables",
    "ofd",
    "ofd.scan",
)


@dataclass(frozen=True)
class Plan:
    """How big the corpus is. Every choice inside it is drawn from `seed`."""

    generated: int = 30
    seed: int = 13
    seeds: tuple[str, ...] = ("000", "001", "002", "003", "004")
    inconsistent_every: int = 3  # one generated report in three has a planted error
    scan_every: int = 4  # one source in four is also printed and scanned
    scan_producers: tuple[str, ...] = PRODUCERS
    # one source in four (not those scanned) is also printed with broken font maps, and
    # with fonts whose maps give wrong digits
    broken_producers: tuple[str, ...] = PRODUCERS
    # one source in four (neither of those) with its tables pasted into the PDF as pictures
    pasted_producers: tuple[str, ...] = PRODUCERS


FULL = Plan()
# Scans cost seconds a page to read: the smoke run prints and scans none (bench/formats.py
# --smoke reads one).
SMOKE = Plan(
    generated=2,
    seeds=("004",),
    inconsistent_every=2,
    scan_producers=(),
    broken_producers=(),
    pasted_producers=(),
)


@dataclass(frozen=True)
class Item:
    id: str
    family: str
    source: str
    suffix: str
    data: bytes
    ambiguous: tuple[str, ...] = ()
    prose: bool = True  # False: the format prints the tables alone (no sentence to compare)
    pages: int | None = None  # a paged file's pages (seconds are measured per page)


def plan_sources(plan: Plan) -> list[Source]:
    seeds = [s for s in seed_sources() if s.name.removeprefix("seed-") in plan.seeds]
    return seeds + generated_sources(plan.generated, plan.seed, plan.inconsistent_every)


def build(out: Path, plan: Plan = FULL, cache: Cache | None = None) -> Path:
    """Write the corpus of `plan` into `out`; returns the manifest's path."""
    cache = cache or Cache(ROOT / "build" / "corpus-cache")
    sources = plan_sources(plan)
    pdfs = producer_pdfs(sources, cache)
    items: list[Item] = []
    for index, source in enumerate(sources):
        rng = random.Random(f"{plan.seed}:{source.name}")
        scanned = plan.scan_producers if index % plan.scan_every == 0 else ()
        broken = plan.broken_producers if index % plan.scan_every == 1 else ()
        pasted = plan.pasted_producers if index % plan.scan_every == 2 else ()
        items += text_items(source, rng)
        items += document_items(source, pdfs[source.name], cache, scanned, broken, pasted)
    return write(out, plan, sources, items)


def is_styled(source: Source) -> bool:
    """Half the sources are printed the way styled documents are (see producers)."""
    return sum(source.name.encode()) % 2 == 1


def producer_pdfs(sources: list[Source], cache: Cache) -> dict[str, dict[str, bytes]]:
    """Each source printed to PDF by WeasyPrint and, from its DOCX, by LibreOffice."""
    htmls = [producers.weasyprint_html(s.report, is_styled(s)).encode() for s in sources]
    weasy = [
        cache.get("weasyprint", html, partial(producers.weasyprint_pdf, html.decode()))
        for html in htmls
    ]
    documents = [producers.word_docx(s.report, is_styled(s)) for s in sources]
    office = cache.get_many("libreoffice", documents, producers.libreoffice_pdfs)
    return {
        s.name: {"weasyprint": w, "libreoffice": o, "docx": d}
        for s, w, o, d in zip(sources, weasy, office, documents)
    }


def text_items(source: Source, rng: random.Random) -> Iterator[Item]:
    for variant, data in source.printed.items():  # the seed's own text, not rendered by us
        yield Item(
            f"{source.name}.printed-{variant}",
            "text.layouts",
            source.name,
            "txt",
            data,
            source.ambiguous,
        )
    for layout in LAYOUTS:
        text = render_text(source.report, layout).encode()
        yield Item(f"{source.name}.{layout}", "text.layouts", source.name, "txt", text)
    crawled = crawler_text(source.report, rng).encode()
    yield Item(f"{source.name}.crawler", "text.crawler", source.name, "txt", crawled)
    yield from converted_items(source)


def converted_items(source: Source) -> Iterator[Item]:
    """The report printed and turned into Markdown by each converter researchers use
    (`mdconverters.py`), each drawing its whims from its own seed."""
    html = render_html(source.report)
    for style in mdconverters.STYLES:
        rng = random.Random(f"{source.name}:md-{style}")
        markdown = mdconverters.converted(html, style, rng).encode()
        yield Item(f"{source.name}.{style}", f"text.md-{style}", source.name, "md", markdown)


def document_items(
    source: Source,
    pdfs: dict[str, bytes],
    cache: Cache,
    scanned: tuple[str, ...],
    broken: tuple[str, ...],
    pasted: tuple[str, ...],
) -> Iterator[Item]:
    name = source.name
    yield Item(f"{name}.html", "html", name, "html", render_html(source.report).encode())
    yield Item(f"{name}.docx", "docx", name, "docx", pdfs["docx"])
    yield Item(f"{name}.xlsx", "xlsx", name, "xlsx", render_xlsx(source.report), prose=False)
    yield from office_items(source, pdfs["docx"], cache)
    style = "-styled" if is_styled(source) else ""
    for producer in PRODUCERS:
        pdf = pdfs[producer]
        stem = f"{name}.{producer}{style}"
        pages = producers.page_count(pdf)
        yield Item(stem, f"pdf.{producer}", name, "pdf", pdf, pages=pages)
        seed = zlib.crc32(stem.encode())
        ofd = cache.get("ofd", _ofd_key(pdf, seed), partial(written_ofd, pdf, seed, True))
        yield Item(stem, "ofd", name, "ofd", ofd, pages=pages)
        for mode in producers.PDFTOTEXT_MODES:
            text = producers.pdftotext(pdf, mode)
            yield Item(stem, f"copy.{mode}", name, "txt", text)
        yield Item(stem, "copy.pdfium", name, "txt", producers.pdfium_text(pdf))
        markdown = cache.get("markitdown", pdf, partial(producers.markdown_from_pdf, pdf))
        yield Item(stem, "text.markdown-from-pdf", name, "md", markdown)
        if producer in scanned:
            scan = cache.get("scan", pdf + seed.to_bytes(4), partial(print_and_scan, pdf, seed))
            yield Item(stem, f"scan.{producer}", name, "pdf", scan, pages=pages)
            scanned_ofd = cache.get(
                "ofd", _ofd_key(scan, seed), partial(written_ofd, scan, seed, False)
            )
            yield Item(stem, "ofd.scan", name, "ofd", scanned_ofd, pages=pages)
            # the same scan made "searchable" by a vendor's OCR (cheap: not cached)
            layered = textlayers.ocr_layer(scan, pdf, seed)
            yield Item(stem, "scan.ocrlayer", name, "pdf", layered, pages=pages)
        if producer in broken:
            broken_pdf = textlayers.broken_fonts(pdf, seed)
            yield Item(stem, "pdf.badfonts", name, "pdf", broken_pdf, pages=pages)
            scrambled = textlayers.digits_scrambled(pdf, seed)
            yield Item(stem, "pdf.baddigits", name, "pdf", scrambled, pages=pages)
        if producer in pasted:  # cheap (a render and a JPEG a table): not cached
            pictured = tables_pasted(pdf, seed)
            yield Item(stem, "pdf.pastedtables", name, "pdf", pictured, pages=pages)


def _ofd_key(pdf: bytes, seed: int) -> bytes:
    """The cache's key of an OFD written from a PDF in the ways its item's seed picks."""
    return pdf + b"ofd-ways" + seed.to_bytes(4)


def office_items(source: Source, docx: bytes, cache: Cache) -> Iterator[Item]:
    """The report as offices and their sites publish it (`cms`, `wps`, `office`, and the
    site editor's page exported to Word): one item per variant, each drawn from its own
    seed. Table 三 pasted as a picture is a family of its own (`*.picture`): read from the
    picture when the file holds it, said to be unreadable when it does not
    (`html.picturelink`)."""
    name, html, xlsx = source.name, render_html(source.report), render_xlsx(source.report)
    for variant, page in cms.VARIANTS.items():
        data = page(html, random.Random(f"{name}:{variant}"))
        yield Item(f"{name}.{variant}", "html.cms", name, "html", data)
    for variant, document in wps.VARIANTS.items():
        data = document(docx, random.Random(f"{name}:{variant}"))
        yield Item(f"{name}.{variant}", "docx.wps", name, "docx", data)
    yield from picture_items(source, html, docx, cache)
    for variant, workbook in office.VARIANTS.items():
        data = workbook(xlsx, random.Random(f"{name}:{variant}"))
        yield Item(f"{name}.{variant}", "xlsx.office", name, "xlsx", data, prose=False)
    data = cms.exported(html, random.Random(f"{name}:exported"))
    yield Item(f"{name}.exported", "docx.exported", name, "docx", data)


def picture_items(source: Source, html: str, docx: bytes, cache: Cache) -> Iterator[Item]:
    """Table 三 pasted as a picture (`tablepicture`) into the site's editor, Word's single
    file web page and Word, each picture drawn from its variant's seed; and left on the
    site's server."""
    name = source.name
    pdf = cache.get("tablepicture", html.encode(), partial(tablepicture.applications_pdf, html))

    def shot(variant: str) -> tablepicture.TablePicture:
        return tablepicture.table_picture(pdf, random.Random(f"{name}:{variant}"))

    mht = cms.picture_mht(html, shot("picture-mht"), random.Random(f"{name}:picture-mht"))
    yield Item(f"{name}.picture", "html.picture", name, "html", cms.picture(html, shot("picture")))
    yield Item(f"{name}.picture-mht", "html.picture", name, "mht", mht)
    yield Item(f"{name}.picture-link", "html.picturelink", name, "html", cms.picture_link(html))
    data = wps.picture(docx, shot("docx-picture"))
    yield Item(f"{name}.picture", "docx.picture", name, "docx", data)


def write(out: Path, plan: Plan, sources: list[Source], items: list[Item]) -> Path:
    if out.exists():
        shutil.rmtree(out)
    (out / "truth").mkdir(parents=True)
    for source in sources:
        truth = out / "truth" / f"{source.name}.json"
        truth.write_text(json.dumps(source.report.to_json(), ensure_ascii=False, indent=1))
    records = []
    for item in items:
        path = out / item.family / f"{item.id}.{item.suffix}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(item.data)
        record: dict[str, object] = {
            "id": item.id,
            "family": item.family,
            "source": item.source,
            "path": str(path.relative_to(out)),
            "ambiguous": list(item.ambiguous),
            "prose": item.prose,
        }
        if item.pages is not None:
            record["pages"] = item.pages
        records.append(record)
    manifest = {
        "plan": asdict(plan),
        "sources": {
            s.name: {
                "truth": f"truth/{s.name}.json",
                "violations": list(s.violations),
                "planted": s.planted,
            }
            for s in sources
        },
        "items": records,
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return path

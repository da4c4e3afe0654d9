"""OFD (GB/T 33190) read as a PDF with a text layer: the same data, findings and
provenance as the PDF it was printed from, and a broken package refused in Chinese."""

from __future__ import annotations

import io
import json
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pypdfium2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.errors import OverLimit, UnreadableInput
from gongkai.readers import read_bytes, read_reading
from gongkai.readers.detect import detect_format
from gongkai.readers.limits import Limits
from gongkai.readers.ofd import ofd_to_blocks
from gongkai.render.html import render_html
from gongkai.render.pdf import html_to_pdf
from tests.support.corpus.ofd import Ways, pdf_to_ofd
from tests.support.corpus.sources import seed_sources
from tests.support.variants import turned_pdf

SEEDS = {source.name: source for source in seed_sources()}
_OFD = "{http://www.ofdspec.org/2016}"
DATA = ("agency", "year", "template", "published_on", "active", "applications", "appeals")


@cache
def _printed(name: str) -> tuple[bytes, bytes]:
    """A seed's report printed to PDF by WeasyPrint, and that PDF written as OFD."""
    pdf = html_to_pdf(render_html(SEEDS[name].report))
    return pdf, pdf_to_ofd(pdf)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _replaced(data: bytes, member: str, old: bytes, new: bytes, count: int = 1) -> bytes:
    members = _members(data)
    assert old in members[member]
    members[member] = members[member].replace(old, new, count)
    return _zipped(members)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_an_ofd_of_each_seed_reads_to_the_seed_expected_data_and_errors(name: str) -> None:
    source = SEEDS[name]
    pdf, ofd = _printed(name)
    got = read_bytes(ofd).to_json()
    expected = source.report.to_json()
    assert {k: got[k] for k in DATA} == {k: expected[k] for k in DATA}
    errors = [(f["rule"], f.get("column")) for f in got["findings"] if f["severity"] == "error"]
    assert errors == [(v["rule"], v.get("column")) for v in source.violations]
    assert [f for f in got["findings"] if f["rule"].startswith("parse.")] == [
        f for f in read_bytes(pdf).to_json()["findings"] if f["rule"].startswith("parse.")
    ]
    assert got["source"]["format"] == "ofd"


WAYS = {
    "plain": (Ways(), ()),
    "composite": (Ways(composite=True), (b"<ofd:CompositeObject ", b"CompositeGraphicUnit ")),
    "blocks": (Ways(blocks=True), (b"<ofd:PageBlock ",)),
    "layers": (Ways(layers=True), (b'Type="Background"',)),
    "all": (Ways(True, True, True), (b"<ofd:CompositeObject ", b"<ofd:PageBlock ")),
}


@pytest.mark.parametrize("way", sorted(WAYS))
def test_an_ofd_reads_to_what_its_pdf_reads_to_cell_boxes_included(way: str) -> None:
    """However the writer groups the objects (composite units, nested PageBlocks, text
    and lines in layers of their own), provenance points at the same page and box
    (within the 0.001 mm the OFD is written to) as the PDF's."""
    pdf, _ = _printed("seed-000")
    ways, marks = WAYS[way]
    ofd = pdf_to_ofd(pdf, ways)
    written = b"".join(_members(ofd).values())
    assert all(mark in written for mark in marks)
    _same_reading(pdf, ofd)


@pytest.mark.parametrize("rotation", [90, 270])
def test_an_ofd_whose_pages_are_turned_by_a_ctm_reads_as_its_pdf_upright(rotation: int) -> None:
    """Each page landscape, its content turned a quarter by CTMs: read in the frame its
    text reads in, the boxes those of the upright PDF."""
    pdf, _ = _printed("seed-000")
    ofd = pdf_to_ofd(turned_pdf(pdf, rotation, shown=False))
    assert b"0 0 297 210" in _members(ofd)["Doc_0/Pages/Page_0/Content.xml"]  # landscape
    _same_reading(pdf, ofd)


def _same_reading(pdf: bytes, ofd: bytes) -> None:
    from_pdf, from_ofd = read_bytes(pdf).to_json(), read_bytes(ofd).to_json()
    assert {k: from_ofd[k] for k in (*DATA, "sections")} == {
        k: from_pdf[k] for k in (*DATA, "sections")
    }
    assert _origins(from_ofd["provenance"]).keys() == _origins(from_pdf["provenance"]).keys()
    for key, (page, box) in _origins(from_pdf["provenance"]).items():
        ofd_page, ofd_box = _origins(from_ofd["provenance"])[key]
        assert ofd_page == page, key
        assert max(abs(a - b) for a, b in zip(box, ofd_box, strict=True)) < 0.05, key


def _origins(provenance: Any, path: str = "") -> dict[str, tuple[int, list[float]]]:
    """Every cell's page and box in a report's provenance, by the cell's path."""
    if isinstance(provenance, dict) and "page" in provenance and "box" in provenance:
        return {path: (provenance["page"], provenance["box"])}
    if isinstance(provenance, dict):
        found: dict[str, tuple[int, list[float]]] = {}
        for key, value in provenance.items():
            found |= _origins(value, f"{path}.{key}")
        return found
    return {}


def test_a_cell_box_lies_on_its_page_where_its_figure_is_printed() -> None:
    """The box of table 二's first cell (规章·本年制发件数) holds the characters of its
    figure in the OFD's own coordinates (mm, y downwards) on the page it names."""
    _, ofd = _printed("seed-001")
    report = read_bytes(ofd).to_json()
    figure = str(report["active"]["regulations"]["issued"])
    origin = report["provenance"]["active.regulations.issued"]
    left, top, right, bottom = (v * 25.4 / 72 for v in origin["box"])
    page = ElementTree.fromstring(
        _members(ofd)[f"Doc_0/Pages/Page_{origin['page'] - 1}/Content.xml"]
    )
    placed = []
    for text in page.iter(f"{_OFD}TextObject"):
        x, y = (float(v) for v in text.get("Boundary", "").split()[:2])
        for code in text.iter(f"{_OFD}TextCode"):
            placed.append((x + float(code.get("X", "")), y + float(code.get("Y", "")), code.text))
    inside = [text for x, y, text in placed if left <= x <= right and top <= y <= bottom]
    assert inside == [figure]


def test_ofd_is_detected_from_its_package() -> None:
    _, ofd = _printed("seed-004")
    assert detect_format(ofd) == "ofd"


_PLACED = b'Boundary="10 20 40 20" CTM="40 0 0 20 0 0"'


def _picture_page(
    placement: bytes = _PLACED, media_file: bytes = b"scan.png", picture: bytes | None = None
) -> bytes:
    """A one-page OFD whose page holds a picture (a 40 by 20 pixel black PNG unless
    given) and no text."""
    from PIL import Image

    members = _members(pdf_to_ofd(html_to_pdf("<p>x</p>")))
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "black").save(png, "PNG")
    members["Doc_0/Res/scan.png"] = picture or png.getvalue()
    members["Doc_0/DocumentRes.xml"] = members["Doc_0/DocumentRes.xml"].replace(
        b"<ofd:MultiMedias>",
        b'<ofd:MultiMedias><ofd:MultiMedia ID="900" Type="Image">'
        b"<ofd:MediaFile>" + media_file + b"</ofd:MediaFile></ofd:MultiMedia>",
    )
    page = "Doc_0/Pages/Page_0/Content.xml"
    body = re.sub(rb"<ofd:Layer ([^>]*)>.*</ofd:Layer>", rb"<ofd:Layer \1>", members[page])
    members[page] = body.replace(
        b"</ofd:Content>",
        b'<ofd:ImageObject ID="901" ResourceID="900" '
        + placement
        + b"/></ofd:Layer></ofd:Content>",
    )
    members["Doc_0/Tpls/Tpl_0/Content.xml"] = b'<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>'
    return _zipped(members)


def test_a_page_of_pictures_only_is_read_by_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scanned OFD page (an ImageObject, no text) goes to OCR as a page drawn at
    ocr.DPI, its picture where its Boundary and CTM put it."""
    from gongkai.readers import ocr

    seen: list[Any] = []

    def recognised(image: Any, page: int, unit: float) -> list[Any]:
        seen.append(image)
        return []

    monkeypatch.setattr(ocr, "image_to_blocks", recognised)
    ofd_to_blocks(_picture_page())
    (image,) = seen
    scale = ocr.DPI / 25.4  # pixels per mm
    dark = (image.sum(axis=2) == 0).nonzero()
    # drawn by pdfium, as a PDF's picture is: its edges on whole pixels (rounded out or
    # in), within a pixel and a half
    found = (dark[0].min(), dark[1].min(), dark[0].max() + 1, dark[1].max() + 1)
    placed = (20 * scale, 10 * scale, 40 * scale, 50 * scale)
    assert max(abs(a - b) for a, b in zip(found, placed, strict=True)) < 1.5


def test_a_picture_missing_from_the_package_is_named() -> None:
    error = _refusal(_picture_page(media_file=b"nowhere.png"))
    assert str(error) == "第1页：OFD 文件缺少必需的部件：Doc_0/Res/nowhere.png"


def test_a_picture_drawn_far_beyond_its_page_is_refused_before_it_is_drawn() -> None:
    with pytest.raises(OverLimit) as caught:
        read_bytes(_picture_page(b'Boundary="0 0 1 1" CTM="1000000 0 0 1000000 0 0"'))
    assert (caught.value.limit, caught.value.location) == ("pixels", "第1页")


def test_a_jpeg_declaring_more_pixels_than_allowed_is_refused_before_it_is_decoded() -> None:
    """pdfium decodes a scan's JPEG as it draws it: its declared size is checked first."""
    from PIL import Image

    jpeg = io.BytesIO()
    Image.new("L", (8, 8), 0).save(jpeg, "JPEG")
    data = jpeg.getvalue()
    frame = data.index(b"\xff\xc0") + 5  # SOF0: length, precision, then height and width
    huge = data[:frame] + (60000).to_bytes(2) + (60000).to_bytes(2) + data[frame + 4 :]
    with pytest.raises(OverLimit) as caught:
        read_bytes(_picture_page(picture=huge))
    assert (caught.value.limit, caught.value.location) == ("pixels", "第1页")


# ------------------------------------------------------------------------------ hostile


def _refusal(data: bytes, limits: Limits | None = None) -> UnreadableInput:
    with pytest.raises(UnreadableInput) as caught:
        read_bytes(data, limits=limits or Limits())
    return caught.value


def test_a_package_without_its_document_names_the_missing_part() -> None:
    _, ofd = _printed("seed-004")
    members = _members(ofd)
    del members["Doc_0/Document.xml"]
    error = _refusal(_zipped(members))
    assert str(error) == "OFD 文件缺少必需的部件：Doc_0/Document.xml"


def test_a_broken_page_names_its_page_and_part() -> None:
    _, ofd = _printed("seed-004")
    broken = _replaced(ofd, "Doc_0/Pages/Page_1/Content.xml", b"</ofd:Page>", b"")
    error = _refusal(broken)
    assert str(error) == "第2页 Doc_0/Pages/Page_1/Content.xml：OFD 文件已损坏或不完整，无法读取"


def test_a_number_too_large_to_multiply_is_refused() -> None:
    """1e308 is finite, but times a type size it is not: the words' lines then failed
    on an infinite baseline (found by the mutation test below)."""
    _, ofd = _printed("seed-004")
    members = _members(ofd)
    page = "Doc_0/Pages/Page_0/Content.xml"
    members[page] = re.sub(rb'Y="[^"]*"', b'Y="1e308"', members[page], count=1)
    error = _refusal(_zipped(members))
    assert error.location == "第1页 Doc_0/Pages/Page_0/Content.xml"
    assert error.message.startswith("OFD 文件中有无法识别的数值或指令：1e308")


def test_a_bad_number_names_its_value_and_page() -> None:
    _, ofd = _printed("seed-004")
    broken = _replaced(ofd, "Doc_0/Pages/Page_0/Content.xml", b'Size="', b'Size="1e999 ')
    error = _refusal(broken)
    assert error.location == "第1页 Doc_0/Pages/Page_0/Content.xml"
    assert error.message.startswith("OFD 文件中有无法识别的数值或指令：1e999")


def test_a_part_declaring_entities_is_refused_unparsed() -> None:
    """A billion laughs in a page part (10⁹ bytes once expanded, which libxml2 does in
    attribute values whatever resolve_entities says) is refused before it is parsed."""
    _, ofd = _printed("seed-004")
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&%c;" % (ord("a") + i)) * 10) for i in range(8)
        )
        + b"]>"
    )
    page = "Doc_0/Pages/Page_0/Content.xml"
    members = _members(ofd)
    members[page] = laughs + members[page].split(b"?>", 1)[1].replace(
        b"<ofd:FillColor", b'<ofd:FillColor Name="&i;"', 1
    )
    error = _refusal(_zipped(members))
    assert str(error) == (
        "第1页 Doc_0/Pages/Page_0/Content.xml："
        "OFD 文件的部件中含有文档类型定义（DTD），OFD 文件不应含有，拒绝读取"
    )


def test_too_many_pages_or_objects_are_refused_with_their_limit() -> None:
    _, ofd = _printed("seed-004")
    with pytest.raises(OverLimit) as pages:
        read_bytes(ofd, limits=Limits(pages=1))
    assert pages.value.limit == "pages"
    with pytest.raises(OverLimit) as objects:
        read_bytes(ofd, limits=Limits(page_objects=50))
    assert (objects.value.limit, objects.value.location) == ("page_objects", "第1页")


def test_page_blocks_nested_too_deep_are_refused() -> None:
    _, ofd = _printed("seed-004")
    nested = b"<ofd:PageBlock>" * 40 + b"</ofd:PageBlock>" * 40
    broken = _replaced(
        ofd, "Doc_0/Pages/Page_0/Content.xml", b"</ofd:Layer>", nested + b"</ofd:Layer>"
    )
    with pytest.raises(OverLimit) as caught:
        read_bytes(broken)
    assert caught.value.limit == "depth"


def _drawing_unit(unit: bytes) -> bytes:
    """seed-004's OFD with a composite unit among its resources and its first page
    drawing it."""
    _, ofd = _printed("seed-004")
    members = _members(ofd)
    members["Doc_0/DocumentRes.xml"] = members["Doc_0/DocumentRes.xml"].replace(
        b"</ofd:Res>",
        b"<ofd:CompositeGraphicUnits>" + unit + b"</ofd:CompositeGraphicUnits></ofd:Res>",
    )
    drawn = b'<ofd:CompositeObject ID="9001" ResourceID="9000" Boundary="0 0 10 10"/>'
    page = "Doc_0/Pages/Page_0/Content.xml"
    members[page] = members[page].replace(b"</ofd:Layer>", drawn + b"</ofd:Layer>", 1)
    return _zipped(members)


def test_a_composite_unit_drawing_itself_is_refused_at_the_depth_limit() -> None:
    itself = b'<ofd:CompositeObject ID="9002" ResourceID="9000" Boundary="1 1 5 5"/>'
    unit = b'<ofd:CompositeGraphicUnit ID="9000" Width="10" Height="10"><ofd:Content>'
    with pytest.raises(OverLimit) as caught:
        read_bytes(_drawing_unit(unit + itself * 2 + b"</ofd:Content></ofd:CompositeGraphicUnit>"))
    assert caught.value.limit == "depth"  # depth first: the first path down hits it


def test_a_composite_object_drawing_a_missing_unit_is_named() -> None:
    error = _refusal(_drawing_unit(b""))
    assert (
        str(error)
        == "第1页 Doc_0/Pages/Page_0/Content.xml：OFD 文件引用的资源不存在（资源标识 9000）"
    )


_MUTATIONS = st.sampled_from(
    [
        b"",
        b"-",
        b"1e308",
        b"nan",
        b"g",
        b"g 99999999 1",
        b"<",
        b"&",
        b"\x00",
        b"M",
        b"Z 1",
        b"999999",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_mutated_ofd_is_read_or_refused_never_crashes(data: st.DataObject) -> None:
    """Any attribute value or text of any part replaced, any part cut short: the reader
    reads it or refuses it with UnreadableInput, never another exception."""
    _, ofd = _printed("seed-004")
    members = _members(ofd)
    name = data.draw(st.sampled_from(sorted(n for n in members if n.endswith(".xml"))))
    part = members[name]
    if data.draw(st.booleans()):
        cut = data.draw(st.integers(0, len(part)))
        members[name] = part[:cut]
    else:
        values = list(re.finditer(rb'="([^"]*)"|>([^<]+)<', part))
        if values:
            match = data.draw(st.sampled_from(values))
            group = 1 if match.group(1) is not None else 2
            start, end = match.span(group)
            members[name] = part[:start] + data.draw(_MUTATIONS) + part[end:]
    try:
        read_reading(_zipped(members), limits=Limits(pages=5))
    except UnreadableInput as error:
        assert re.search("[\u4e00-\u9fff]", str(error))


def test_an_ofd_is_one_file_not_a_bundle_of_its_parts() -> None:
    from gongkai.readers.bundle import unpack

    _, ofd = _printed("seed-004")
    assert unpack("报告.ofd", ofd) == [("报告.ofd", ofd)]


def test_the_command_line_parses_an_ofd(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gongkai.cli import main

    _, ofd = _printed("seed-004")
    path = tmp_path / "报告.ofd"
    path.write_bytes(ofd)
    main(["parse", str(path)])
    printed = json.loads(capsys.readouterr().out)
    assert printed["source"]["format"] == "ofd"
    assert printed["applications"] == SEEDS["seed-004"].report.to_json()["applications"]


def test_ingest_counts_an_ofd_pages() -> None:
    from gongkai.ingest.sink import Ingested
    from gongkai.ingest.work import read_one

    pdf, ofd = _printed("seed-004")
    outcome = read_one(("报告.ofd", "0" * 64, ofd))
    assert isinstance(outcome, Ingested)
    assert outcome.pages == len(pypdfium2.PdfDocument(pdf))

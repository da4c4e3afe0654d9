"""A letter of the procedure (gongkai.cases.letters) as DOCX or PDF, in the official look:
title centred, the case number under it, body paragraphs indented, sender and date at the
foot on the right."""

from __future__ import annotations

from html import escape

from docx import Document
from docx.shared import Pt

from gongkai.cases.letters import Letter, chinese_date
from gongkai.render.docx import BODY_FONT, TITLE_FONT, add_text, finish, page_setup
from gongkai.render.html import CSS
from gongkai.render.pdf import html_to_pdf


def letter_docx(letter: Letter) -> bytes:
    document = Document()
    page_setup(document)
    add_text(document.add_paragraph(), letter.title, TITLE_FONT, 22, center=True)
    add_text(document.add_paragraph(), letter.number, BODY_FONT, 16, center=True)
    for index, text in enumerate(letter.paragraphs):
        paragraph = document.add_paragraph()
        if index:  # the first paragraph is the addressee, flush left
            paragraph.paragraph_format.first_line_indent = Pt(32)
        add_text(paragraph, text, BODY_FONT, 16)
    return finish(document, [letter.sender, chinese_date(letter.date)])


def letter_html(letter: Letter) -> str:
    body = [f"<h1>{escape(letter.title)}</h1>", f'<p class="number">{escape(letter.number)}</p>']
    addressee, *paragraphs = letter.paragraphs
    body.append(f'<p class="addressee">{escape(addressee)}</p>')
    body += [f"<p>{escape(p)}</p>" for p in paragraphs]
    body += [
        f'<p class="published">{escape(line)}</p>'
        for line in (letter.sender, chinese_date(letter.date))
    ]
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(letter.title)}</title><style>{CSS}"
        ".number { text-align: center; text-indent: 0; } .addressee { text-indent: 0; }"
        "</style></head><body>" + "".join(body) + "</body></html>"
    )


def letter_pdf(letter: Letter) -> bytes:
    return html_to_pdf(letter_html(letter))

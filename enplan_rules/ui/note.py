"""The case note as a PDF, rendered on the server by WeasyPrint from the note's HTML (templates/note.html).

Nothing is written to disk and nothing of the note is logged: the HTML comes in, the PDF bytes go out."""

import logging

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its warnings could quote the note's words
logging.getLogger("fontTools").setLevel(logging.ERROR)


MAX_PERSONS = 6  # persons in one note (a 20-person link once made 109 pages in 12 s of CPU)
MAX_PAGES = 60  # pages of one note: laid out, then refused beyond it


class NoteTooLarge(ValueError):
    """The note would have more than MAX_PAGES pages."""


def render_pdf(html, static_folder):
    """The PDF bytes of the note's HTML (A4, the stylesheet note.css in `static_folder`); NoteTooLarge beyond
    MAX_PAGES pages."""
    fonts = FontConfiguration()
    stylesheet = CSS(filename=f"{static_folder}/note.css", font_config=fonts)
    document = HTML(string=html, base_url=static_folder).render(stylesheets=[stylesheet], font_config=fonts)
    if len(document.pages) > MAX_PAGES:
        raise NoteTooLarge(len(document.pages))
    return document.write_pdf()

"""The case note as a PDF, rendered on the server by WeasyPrint from the note's HTML (templates/note.html).

Nothing is written to disk and nothing of the note is logged: the HTML comes in, the PDF bytes go out."""

import logging

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its warnings could quote the note's words
logging.getLogger("fontTools").setLevel(logging.ERROR)


def render_pdf(html, static_folder):
    """The PDF bytes of the note's HTML (A4, the stylesheet note.css in `static_folder`)."""
    fonts = FontConfiguration()
    stylesheet = CSS(filename=f"{static_folder}/note.css", font_config=fonts)
    return HTML(string=html, base_url=static_folder).write_pdf(stylesheets=[stylesheet], font_config=fonts)

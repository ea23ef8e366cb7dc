"""The law on the page at /lov/ (enplan_rules.lawpage): the index of documents and paragraphs, a page per document,
its stylesheet. Registered on the gateway by `register(app)`."""

from flask import Response, request

from enplan_rules.api.errors import LANGS


def _lang():
    lang = request.args.get("lang", "da")
    return lang if lang in LANGS else "da"


def _html(body, status=200):
    from enplan_rules.lawpage import CSP

    return Response(body, status=status, mimetype="text/html", headers={"Content-Security-Policy": CSP})


def register(app):
    from enplan_rules import lawpage

    @app.get("/lov/")
    def law_index():
        return _html(lawpage.render_index(_lang(), request.script_root))

    @app.get("/lov/law.css")
    def law_css():
        return Response(lawpage.css(), mimetype="text/css")

    @app.get("/lov/<slug>")
    def law_document(slug):
        lang = _lang()
        body = lawpage.render_document(slug, lang, request.script_root)
        if body is None:
            title = lawpage.w("not_found", lang)
            return _html(f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
                         f'</head><body><main><h1>{title}</h1><p><a href="{request.script_root}/lov/?lang={lang}">'
                         f'{lawpage.w("to_index", lang)}</a></p></main></body></html>', 404)
        return _html(body)


def warm():
    """Build the law page's index now (the worked scenarios' answers take a few seconds), not on the first visit."""
    from enplan_rules.lawpage import index as law_index

    law_index.law_index()

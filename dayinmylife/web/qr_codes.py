"""QR codes as SVG (segno), black on white with a quiet zone, for a phone's camera to read."""

import io

import segno
from markupsafe import Markup


def svg_image(data: str, title: str, scale: int = 5) -> bytes:
    """An SVG file, for a route that serves it as an image."""
    svg = io.BytesIO()
    segno.make(data, error="m").save(
        svg, kind="svg", scale=scale, border=4, xmldecl=False, title=title, dark="#000"
    )
    return svg.getvalue()


def svg_inline(data: str, title: str) -> Markup:
    """The same, inline in a page: for an address that must appear in no other URL (no style attribute)."""
    return Markup(segno.make(data, error="m").svg_inline(scale=5, border=4, title=title))

#!/usr/bin/env python3
"""Bring third-party pictures and fonts into static/, reproducibly.

Why vendored: the app is used on closed school and council networks where a CDN may be blocked or
unwanted, and pages must work offline. So the few pictures and fonts we use are committed under
static/ with their licences. npm is needed only to *refresh* them with this script, never at set-up
or run time.

What it does: `npm pack`s exact, checksum-pinned package versions into a temporary directory and
writes only what the app uses: one SVG per picture named in questionnaires/*.yaml (`picture: NAME`)
or scripts/pictures.txt, three project tiles (nappy, cot, pram) drawn from Material Design Icons
glyphs, woff2 fonts with their @font-face rules (into static/css/app.css), licence texts, static/LICENSES.md and a manifest.
Running it twice gives byte-identical output. Usage, from the repo root (it needs fontTools, from the
project's bench extra; `make assets` installs it):

    .venv/bin/python scripts/vendor_assets.py

Made lighter on the way, because a question page must download under 25 KB with a cold cache: the Latin
fonts are cut to the characters English, Welsh and Polish need and lose their hinting instructions (fontTools'
subsetter; ~19 KB to ~7 KB for what an English page shows, the accented letters in files of their own, fetched
only where a page shows one), and the pictures' coordinates keep two
decimals (a 32-unit picture shown at 96 px moves by under 0.02 px).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC, PICTURES_TXT = ROOT / "static", ROOT / "scripts" / "pictures.txt"
PICS, FONTS = STATIC / "pictures", STATIC / "fonts"

# Exact versions and the sha512 of each npm tarball (`npm view SPEC dist.integrity`).
PACKAGES = {
    "fluent": (
        "@iconify-json/fluent-emoji-flat@1.2.6",
        "sha512-RY47RgPb47fYUiyrA64sIOL0+UU02s29sXpNBbIQRBUlPlfNFTKUmZDERGuxDs/7yNGWqQYvuaSYM1M4fRXlUw==",
    ),
    "mdi": (
        "@iconify-json/mdi@1.2.3",
        "sha512-O3cLwbDOK7NNDf2ihaQOH5F9JglnulNDFV7WprU2dSoZu3h3cWH//h74uQAB87brHmvFVxIOkuBX2sZSzYhScg==",
    ),
    "andika": (
        "@fontsource/andika@5.3.0",
        "sha512-m15/VavWcrOhTJr4xXVKTKrJgI8Ny4fI52ZwcoYH3kH6IyLpAfuYUuFouI223WFbDP0kwvKsOOankklFNyMvNw==",
    ),
    "atkinson": (
        "@fontsource/atkinson-hyperlegible-next@5.3.0",
        "sha512-8p1tHVoPDo6oYwSO3sMw5snGwFwSf3TmeSF9Gcj792GXdsg6oqvhoItbj6Hj/XZIk0Xs+Cwu6pkLBAl3Q5HrwA==",
    ),
    "nastaliq": (
        "@fontsource/noto-nastaliq-urdu@5.3.0",
        "sha512-rhozTu22mlnDp5R8A4gGeNJvoLroHEV0TytCwly20w1LMA+VXs/MyhORGJu3i3SWZFdyeCFe5EF5xzraq6zd6A==",
    ),
    # Only for the verbatim Apache-2.0 text (the mdi package ships no LICENSE file).
    "spdx": (
        "spdx-license-list@6.12.0",
        "sha512-+nUYqm3aZMSHbjsthK+i/HHI2okTElCvqwUd4k8QcSk+FTGgjq+fsdFj2wZOaX6XmR2JdWhf/NeflNnvKOjcnQ==",
    ),
}
TILES = {"nappy": "diaper-outline", "cot": "crib", "pram": "baby-carriage"}  # our name: mdi icon
TILE_BG, TILE_FG, TILE_GLYPH = "#ffe0b2", "#8d6e63", 0.78  # glyph box = 78% of the 32-unit tile
# Family and the subsets we serve: latin-ext carries Welsh ŵ ŷ and Polish ą ę ł ż; Urdu is written in Nastaliq.
# A browser fetches a subset only for a page that uses its characters (unicode-range), and app.css uses the
# Urdu family only on Urdu text. Andika, the children's font, comes in one weight: its bold would add 12 KB to a
# question page's 25 KB budget, so browsers embolden the regular one (font-synthesis) where a page asks for bold.
FONT_FAMILIES = {
    "andika": ("Andika", ("latin", "latin-ext"), (400,)),
    "atkinson": ("Atkinson Hyperlegible", ("latin", "latin-ext"), (400, 700)),
    "nastaliq": ("Noto Nastaliq Urdu", ("arabic",), (400, 700)),
}
# The Latin fonts are cut into two files, each served for its characters (unicode-range), so a page fetches only
# what it shows. "latin", ~7 KB, is what an English page shows: ASCII, the no-break space, the middle dot, the
# punctuation a tablet's keyboard types (’ “ ” – — …), the bullet and the back link's ‹ ›. "latin-ext" is the rest
# of Fontsource's Latin range (Latin-1's accented letters: Welsh â ê, Polish ó; a name like Zoë) merged with Latin
# Extended-A (Polish ą ę ł ś ż, Welsh ŵ ŷ) and Welsh's ẁ ẃ ẅ ỳ, instead of 81 KB of every Latin script. The
# typographic spaces and marks U+2000-200F are in neither (the system's font shows them).
CUT_RANGES = {  # our file: its pieces, each (Fontsource's file, characters)
    "latin": (
        ("latin", "U+0000-007F,U+00A0,U+00B7,U+2013-2014,U+2018-2019,U+201C-201D,U+2022,U+2026,U+2039-203A"),
    ),
    "latin-ext": (
        ("latin", "U+00A1-00B6,U+00B8-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
                  "U+0329,U+2010-2012,U+2015-2017,U+201A-201B,U+201E-2021,U+2023-2025,U+2027-2038,U+203B-206F,"
                  "U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"),
        ("latin-ext", "U+0100-017F,U+1E80-1E85,U+1EF2-1EF3"),
    ),
}  # fmt: skip
CUT_FAMILIES = ("andika", "atkinson")  # Noto Nastaliq Urdu is kept whole: its shaping needs every glyph
# The fonts' @font-face rules are written into the one stylesheet every page loads, between these lines: a
# separate fonts.css would be one more request for every page.
APP_CSS = STATIC / "css" / "app.css"
RECORD_FONTS_CSS = STATIC / "css" / "record-fonts.css"
RECORD_FONTS_HEADER = (
    "/* Written by scripts/vendor_assets.py, do not edit. The fonts of a record made as a PDF (casework/pdf.py):\n"
    "   one whole font for each family and weight, as WeasyPrint needs. OFL-1.1. */\n"
)
FONT_FACES_START = (
    "/* Fonts: written by scripts/vendor_assets.py, do not edit. Subsets by unicode-range, OFL-1.1. */\n"
)
FONT_FACES_END = "/* End of the fonts */\n"
DECIMALS = 2  # picture coordinates
ATTRIBUTE_RE = re.compile(r'(\s([\w:-]+)=")([^"]*)"')
FRACTION_RE = re.compile(rf"\.(\d{{{DECIMALS + 1},}})")
PICTURE_RE = re.compile(r"""(?:^|[\s{,])picture:\s*["']?([a-z0-9][a-z0-9-]*)["']?\s*(?=[,}#]|$)""")

MIT_FLUENT = """MIT License

Copyright (c) Microsoft Corporation.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def fail(message: str) -> None:
    sys.exit(f"vendor_assets: ERROR: {message}")


def version(key: str) -> str:
    return PACKAGES[key][0].rsplit("@", 1)[1]


def fetch(key: str, tmp: Path, *names: str) -> list[bytes]:
    """npm pack the pinned package into tmp, check its sha512, then read the named files from it."""
    spec, pinned = PACKAGES[key]
    cmd = ["npm", "pack", spec, "--json", "--ignore-scripts", "--pack-destination", str(tmp)]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        fail("npm not found (it is needed only to refresh vendored assets)")
    if run.returncode:
        fail(f"npm pack {spec} failed:\n{run.stderr}")
    path = tmp / json.loads(run.stdout)[0]["filename"]
    got = "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()
    if got != pinned:
        fail(f"CHECKSUM MISMATCH for {spec}\n  pinned: {pinned}\n  got:    {got}")
    with tarfile.open(path) as tar:
        try:
            return [tar.extractfile("package/" + name).read() for name in names]
        except (KeyError, AttributeError) as e:
            fail(f"{e} missing from {spec}")


def write(path: Path, data: bytes | str) -> int:
    """Write only if changed (keeps mtimes stable); return the size in bytes."""
    data = data.encode() if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    return len(data)


def wanted_pictures() -> dict[str, str]:
    """Picture name -> the first file:line that asked for it (questionnaires first)."""
    wanted: dict[str, str] = {}
    for path in sorted((ROOT / "questionnaires").glob("*.yaml")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#"):
                for name in PICTURE_RE.findall(line):
                    wanted.setdefault(name, f"{path.relative_to(ROOT)}:{n}")
    for n, line in enumerate(PICTURES_TXT.read_text(encoding="utf-8").splitlines(), 1):
        if name := line.split("#", 1)[0].strip():
            wanted.setdefault(name, f"{PICTURES_TXT.relative_to(ROOT)}:{n}")
    return wanted


def icon(data: dict, name: str) -> tuple[str, tuple] | None:
    """Resolve an Iconify icon or alias to (body, viewBox); None if the set lacks it."""
    hflip, size = False, {}
    while name in data.get("aliases", {}):
        alias = data["aliases"][name]
        if set(alias) - {"parent", "hFlip", "width", "height"}:
            fail(f"unsupported alias properties in {name}: {sorted(alias)}")
        hflip ^= bool(alias.get("hFlip"))
        size = {k: alias[k] for k in ("width", "height") if k in alias} | size
        name = alias["parent"]
    if name not in data["icons"]:
        return None
    found = data["icons"][name]
    if set(found) - {"body", "width", "height", "left", "top", "hidden"}:
        fail(f"unsupported icon properties in {name}: {sorted(found)}")
    found = found | size
    left, top = found.get("left", 0), found.get("top", 0)
    w, h = found.get("width", data.get("width", 16)), found.get("height", data.get("height", 16))
    body = found["body"]
    if hflip:
        body = f'<g transform="translate({2 * left + w} 0) scale(-1 1)">{body}</g>'
    return body, (left, top, w, h)


def shorter_fraction(match: re.Match) -> str:
    """A number's fraction to DECIMALS places; the digits before it, and so every separator, stay as they are."""
    digits = match.group(1)
    scale = 10 ** (len(digits) - DECIMALS)
    rounded = (int(digits) + scale // 2) // scale
    if rounded >= 10**DECIMALS:  # 1.996 would carry into the integer part: left alone
        return match.group(0)
    return "." + (str(rounded).zfill(DECIMALS).rstrip("0") or "0")


def round_coordinates(body: str) -> str:
    """Coordinates to DECIMALS places in every attribute but ids and links."""

    def attribute(match: re.Match) -> str:
        if match.group(2) in ("id", "href", "xlink:href"):
            return match.group(0)
        return f'{match.group(1)}{FRACTION_RE.sub(shorter_fraction, match.group(3))}"'

    return ATTRIBUTE_RE.sub(attribute, body)


def svg(name: str, body: str, box: tuple) -> str:
    """Standalone SVG: ids prefixed with the picture name, coordinates rounded, whitespace minified."""
    body = round_coordinates(body)
    for old in sorted(set(re.findall(r'(?<![\w:-])id="([^"]+)"', body))):
        new = f"{name}-{old}"
        body = re.sub(rf'(?<![\w:-])id="{re.escape(old)}"', f'id="{new}"', body)
        body = body.replace(f"url(#{old})", f"url(#{new})").replace(f'href="#{old}"', f'href="#{new}"')
    body = re.sub(r"\s+", " ", re.sub(r">\s+<", "><", body)).strip()
    view_box = " ".join(f"{v:g}" for v in box)
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">{body}</svg>\n'


def tile(glyph: tuple[str, tuple]) -> tuple[str, tuple]:
    """An mdi glyph, recoloured and centred on a soft rounded tile in the flat Fluent style."""
    body, (left, top, w, h) = glyph
    scale = TILE_GLYPH * 32 / max(w, h)
    dx, dy = (32 - w * scale) / 2 - left * scale, (32 - h * scale) / 2 - top * scale
    return (
        f'<rect x="2" y="2" width="28" height="28" rx="5" fill="{TILE_BG}"/>'
        f'<g transform="translate({dx:.4g} {dy:.4g}) scale({scale:.4g})">'
        f"{body.replace('currentColor', TILE_FG)}</g>"
    ), (0, 0, 32, 32)


def pictures(tmp: Path) -> tuple[int, int]:
    fluent, mdi = (json.loads(fetch(key, tmp, "icons.json")[0]) for key in ("fluent", "mdi"))
    fluent_src, mdi_src = f"fluent-emoji-flat@{version('fluent')}", f"mdi@{version('mdi')} (tile)"
    out = {name: (mdi_src, svg(name, *tile(icon(mdi, mdi_name)))) for name, mdi_name in TILES.items()}
    missing = []
    for name, asked_by in wanted_pictures().items():
        if name in out:
            continue
        if found := icon(fluent, name):
            out[name] = (fluent_src, svg(name, *found))
        else:
            missing.append(f'"{name}" (asked for by {asked_by})')
    if missing:  # check everything before writing anything
        fail(f"not in Fluent Emoji Flat nor a project tile: {', '.join(missing)}")
    manifest = {
        name: {"source": src, "bytes": write(PICS / f"{name}.svg", text)}
        for name, (src, text) in sorted(out.items())
    }
    for stale in PICS.glob("*.svg"):
        if stale.stem not in manifest:
            stale.unlink()
    write(PICS / "manifest.json", json.dumps(manifest, indent=1) + "\n")
    write(PICS / "LICENSE-fluent-emoji.txt", MIT_FLUENT)
    apache = json.loads(fetch("spdx", tmp, "licenses/Apache-2.0.json")[0])["licenseText"]
    write(
        PICS / "LICENSE-mdi.txt",
        f"Material Design Icons by Pictogrammers (https://github.com/Templarian/MaterialDesign),\n"
        f"icon data from the npm package {PACKAGES['mdi'][0]}, licensed under the Apache License 2.0.\n"
        f"Modified: {', '.join(f'{k}.svg (mdi:{v})' for k, v in TILES.items())} place a recoloured, "
        f"scaled glyph on a rounded tile.\n\n{apache.strip()}\n",
    )
    return len(manifest), sum(m["bytes"] for m in manifest.values())


def font_file(key: str, subset: str, weight: int) -> str:
    return f"{key}-{weight}.woff2" if subset == "latin" else f"{key}-{subset}-{weight}.woff2"


def cut_font(woff2: bytes, unicode_range: str) -> bytes:
    """Keep only the characters of unicode_range (and what their shaping needs); drop hinting instructions."""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        fail("fontTools not found: run `make assets`, or install the project's bench extra")
    options = subset.Options(hinting=False)
    font = TTFont(BytesIO(woff2), recalcTimestamp=False)  # byte-identical on every run
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=subset.parse_unicodes(unicode_range.replace(",", " ")))
    cutter.subset(font)
    font.flavor, out = None, BytesIO()
    font.save(out)
    return out.getvalue()


def merged_font(pieces: list[bytes]) -> bytes:
    """One woff2 of pieces of one typeface (a glyph they share, a base letter, is the same in each)."""
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    first = TTFont(BytesIO(pieces[0]), recalcTimestamp=False)
    font = Merger().merge([BytesIO(piece) for piece in pieces]) if len(pieces) > 1 else first
    font.recalcTimestamp = False  # byte-identical on every run: the merger dates its font now
    font["head"].created, font["head"].modified = first["head"].created, first["head"].modified
    font.flavor, out = "woff2", BytesIO()
    font.save(out)
    return out.getvalue()


def font_face(family: str, weight: int, name: str, data: bytes, unicode_range: str | None) -> str:
    # Versioned like every other static address (static_files.py), so browsers keep it for a year.
    address = f"../fonts/{name}?v={hashlib.sha256(data).hexdigest()[:12]}"
    return (
        f'@font-face {{\n  font-family: "{family}";\n  font-style: normal;\n  font-weight: {weight};\n'
        f'  font-display: swap;\n  src: url("{address}") format("woff2");\n'
        + (f"  unicode-range: {unicode_range};\n" if unicode_range else "")
        + "}\n"
    )


def fonts(tmp: Path) -> tuple[int, int]:
    faces, record_faces, written = [], [], {}
    for key, (family, subsets, weights) in FONT_FAMILIES.items():
        stem = PACKAGES[key][0].rsplit("@", 1)[0].split("/")[-1]
        wanted = [(subset, weight) for subset in subsets for weight in weights]
        names = [f"files/{stem}-{subset}-{weight}-normal.woff2" for subset, weight in wanted]
        unicode, licence, *woff2 = fetch(key, tmp, "unicode.json", "LICENSE", *names)
        sources, ranges = dict(zip(wanted, woff2, strict=True)), json.loads(unicode)
        for weight in weights:
            if key not in CUT_FAMILIES:
                for subset in subsets:
                    name, data = font_file(key, subset, weight), sources[subset, weight]
                    written[name] = data
                    faces.append(font_face(family, weight, name, data, ranges[subset]))
                    record_faces.append(faces[-1])
                continue
            for cut, pieces in CUT_RANGES.items():
                name, unicode_range = font_file(key, cut, weight), ",".join(chars for _, chars in pieces)
                written[name] = merged_font(
                    [cut_font(sources[piece, weight], chars) for piece, chars in pieces]
                )
                faces.append(font_face(family, weight, name, written[name], unicode_range))
            # A record (PDF) is made by WeasyPrint, which mixes up the glyphs of two faces of one family and
            # weight (split by unicode-range): there each is one whole font.
            whole = [("latin", ranges["latin"]), CUT_RANGES["latin-ext"][1]]
            name = font_file(key, "record", weight)
            written[name] = merged_font([cut_font(sources[piece, weight], chars) for piece, chars in whole])
            record_faces.append(font_face(family, weight, name, written[name], None))
        write(FONTS / f"OFL-{key}.txt", licence)
    for name, data in written.items():
        write(FONTS / name, data)
    for stale in FONTS.glob("*.woff2"):
        if stale.name not in written:
            stale.unlink()
    write(APP_CSS, with_font_faces(APP_CSS.read_text(encoding="utf-8"), "".join(faces)))
    write(RECORD_FONTS_CSS, RECORD_FONTS_HEADER + "".join(record_faces))
    return len(written), sum(len(data) for data in written.values())


def with_font_faces(stylesheet: str, font_faces: str) -> str:
    """The stylesheet with its generated @font-face rules replaced by these."""
    start, end = stylesheet.find(FONT_FACES_START), stylesheet.find(FONT_FACES_END)
    if start < 0 or end < start:
        fail(f"{APP_CSS.relative_to(ROOT)} has lost the lines that mark its fonts: {FONT_FACES_START!r}")
    return stylesheet[: start + len(FONT_FACES_START)] + font_faces + stylesheet[end:]


def licenses_md() -> str:
    spec = {k: PACKAGES[k][0] for k in PACKAGES}
    return f"""# Third-party assets in static/

Generated by `scripts/vendor_assets.py` from exact, checksum-pinned npm packages (tarball sha512 in the
script). Re-run it to refresh; do not edit these files by hand.

| What | Where it came from | Licence | Licence text |
| --- | --- | --- | --- |
| Pictures `static/pictures/*.svg` (see `manifest.json`) | Fluent Emoji Flat by Microsoft (https://github.com/microsoft/fluentui-emoji), npm `{spec["fluent"]}`; coordinates rounded to two decimals by this project | MIT | `pictures/LICENSE-fluent-emoji.txt` |
| Tiles `nappy.svg`, `cot.svg`, `pram.svg` | Derived from Material Design Icons by Pictogrammers (https://github.com/Templarian/MaterialDesign) `mdi:diaper-outline`, `mdi:crib`, `mdi:baby-carriage`, npm `{spec["mdi"]}`; recoloured, scaled and placed on a rounded tile by this project | Apache-2.0 | `pictures/LICENSE-mdi.txt` |
| Font Andika 400 (`fonts/andika-*.woff2`) | SIL International, npm `{spec["andika"]}`, Latin and Latin Extended subsets, cut into ASCII with common punctuation, and the rest of Latin-1 merged with Latin Extended-A (for records made as PDFs, `*-record-*.woff2`: all of them in one font), and unhinted by this project (fontTools) | OFL-1.1 | `fonts/OFL-andika.txt` |
| Font Atkinson Hyperlegible Next 400, 700 (`fonts/atkinson-*.woff2`, family "Atkinson Hyperlegible") | The Atkinson Hyperlegible Next Project Authors, npm `{spec["atkinson"]}`, Latin and Latin Extended subsets, cut into ASCII with common punctuation, and the rest of Latin-1 merged with Latin Extended-A (for records made as PDFs, `*-record-*.woff2`: all of them in one font), and unhinted by this project (fontTools) | OFL-1.1 | `fonts/OFL-atkinson.txt` |
| Font Noto Nastaliq Urdu 400, 700 (`fonts/nastaliq-arabic-*.woff2`), used for Urdu text only | The Noto Project Authors, npm `{spec["nastaliq"]}`, Arabic-script subset | OFL-1.1 | `fonts/OFL-nastaliq.txt` |

The Apache-2.0 text is taken verbatim from npm `{spec["spdx"]}` (CC0-1.0).
"""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="vendor-assets-") as tmp:
        count, picture_bytes = pictures(Path(tmp))
        font_count, font_bytes = fonts(Path(tmp))
    write(STATIC / "LICENSES.md", licenses_md())
    print(
        f"vendor_assets: {count} pictures ({picture_bytes / 1024:.1f} KB) in static/pictures; "
        f"{font_count} fonts ({font_bytes / 1024:.1f} KB) in static/fonts"
    )


if __name__ == "__main__":
    main()

"""Images for visible signatures (no database): checking an uploaded PNG, and
drawing demo images — a blue handwritten-looking signature and a round red seal
with the agency's name around the rim and a star (NĐ 30/2020 Phụ lục I: both
transparent PNGs, the seal printed at its real size).

The demo images are drawn with Pillow on the shipped Liberation fonts; they are
stand-ins for the scans a real official or agency uploads."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from congso.signatures.signing.errors import SignatureImageError

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
MAX_UPLOAD_BYTES = 1024 * 1024
MAX_SIDE_PX = 4000
DPI = 300
SIGNATURE_BLUE = (16, 46, 168, 255)
SEAL_RED = (214, 24, 36, 235)
#: Printed width of a signature image and diameter of a seal (mm). A seal's
#: real size depends on the agency (the decree on seals); 36 mm is typical of a
#: ward or commune People's Committee and is data on each image.
SIGNATURE_WIDTH_MM = Decimal("45.0")
SEAL_DIAMETER_MM = Decimal("36.0")


@dataclass(frozen=True)
class CheckedImage:
    """A PNG ready to store: re-encoded RGBA (metadata and odd chunks dropped)."""

    png: bytes
    width_px: int
    height_px: int


def image_check(data: bytes) -> CheckedImage:
    """Accept a transparent PNG of reasonable size, or the Vietnamese refusal."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise SignatureImageError(too_large_kb=MAX_UPLOAD_BYTES // 1024)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG" or max(image.size) > MAX_SIDE_PX:
                raise SignatureImageError
            transparent = image.mode in {"RGBA", "LA"} or (
                image.mode == "P" and "transparency" in image.info
            )
            if not transparent:
                raise SignatureImageError
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise SignatureImageError from None
    alpha_min, _alpha_max = rgba.getchannel("A").getextrema()
    if alpha_min == 255:  # no pixel is transparent
        raise SignatureImageError
    return CheckedImage(_png(rgba), rgba.width, rgba.height)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size=size)


# -- the demo signature -----------------------------------------------------------------


def signature_demo_png(full_name: str) -> CheckedImage:
    """A blue, slanted, handwritten-looking signature of ``full_name``: the given
    name in italic with a sweeping underline, on a transparent background."""
    words = full_name.split()
    label = words[-1] if words else full_name
    width, height = _px(float(SIGNATURE_WIDTH_MM)), _px(18)
    font = _font("LiberationSerif-Italic.ttf", round(height * 0.55))
    glyphs = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(glyphs)
    text_width = draw.textlength(label, font=font)
    left = max((width - text_width) / 2 - width * 0.05, 4)
    draw.text(
        (left, height * 0.12),
        label,
        font=font,
        fill=SIGNATURE_BLUE,
        stroke_width=1,
        stroke_fill=SIGNATURE_BLUE,
    )
    # Lean the letters further, like fast handwriting.
    shear = 0.35
    glyphs = glyphs.transform(
        glyphs.size,
        Image.Transform.AFFINE,
        (1, shear, -shear * height / 2, 0, 1, 0),
        resample=Image.Resampling.BICUBIC,
    )
    _flourish(ImageDraw.Draw(glyphs), width, height, left, text_width)
    return CheckedImage(_png(glyphs), width, height)


def _flourish(
    draw: ImageDraw.ImageDraw, width: int, height: int, left: float, span: float
) -> None:
    """A cubic Bézier stroke from the end of the name back under it."""
    p0 = (left + span * 1.02, height * 0.55)
    p1 = (left + span * 1.15, height * 0.95)
    p2 = (left - span * 0.15, height * 0.95)
    p3 = (left + span * 0.05, height * 0.78)
    points = []
    for step in range(61):
        t = step / 60
        x = (
            (1 - t) ** 3 * p0[0]
            + 3 * (1 - t) ** 2 * t * p1[0]
            + 3 * (1 - t) * t**2 * p2[0]
            + t**3 * p3[0]
        )
        y = (
            (1 - t) ** 3 * p0[1]
            + 3 * (1 - t) ** 2 * t * p1[1]
            + 3 * (1 - t) * t**2 * p2[1]
            + t**3 * p3[1]
        )
        points.append((min(max(x, 2), width - 2), min(max(y, 2), height - 2)))
    draw.line(points, fill=SIGNATURE_BLUE, width=3, joint="curve")


# -- the demo seal ----------------------------------------------------------------------


def seal_demo_png(
    agency_name: str, *, diameter_mm: Decimal = SEAL_DIAMETER_MM
) -> CheckedImage:
    """A round red seal at ``diameter_mm`` (300 dpi): double outer ring, the
    agency's name in capitals around the rim, an inner ring and a star."""
    size = _px(float(diameter_mm))
    centre = size / 2
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ring = max(size // 60, 3)
    outer = centre - ring * 2
    draw.ellipse(
        (centre - outer, centre - outer, centre + outer, centre + outer),
        outline=SEAL_RED,
        width=ring * 2,
    )
    second = outer - ring * 3
    draw.ellipse(
        (centre - second, centre - second, centre + second, centre + second),
        outline=SEAL_RED,
        width=ring,
    )
    inner = size * 0.30
    draw.ellipse(
        (centre - inner, centre - inner, centre + inner, centre + inner),
        outline=SEAL_RED,
        width=ring,
    )
    _star(draw, centre, inner * 0.72)
    text_radius = (second + inner) / 2
    font_size = round((second - inner) * 0.62)
    _rim_text(image, agency_name.upper(), centre, text_radius, font_size)
    return CheckedImage(_png(image), size, size)


def _star(draw: ImageDraw.ImageDraw, centre: float, radius: float) -> None:
    points = []
    for index in range(10):
        r = radius if index % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((centre + r * math.cos(angle), centre + r * math.sin(angle)))
    draw.polygon(points, fill=SEAL_RED)


def _rim_text(
    image: Image.Image, text: str, centre: float, radius: float, font_size: int
) -> None:
    """Letters set along the top of a circle, each rotated to face outwards,
    spanning at most 300° (the rest stays free below)."""
    font = _font("LiberationSerif-Bold.ttf", font_size)
    advances = [font.getlength(ch) for ch in text]
    spacing = font_size * 0.12
    total = sum(advances) + spacing * (len(text) - 1)
    max_arc = math.radians(300) * radius
    scale = min(1.0, max_arc / total) if total else 1.0
    angle = -(total * scale) / radius / 2
    for ch, advance in zip(text, advances, strict=True):
        step = advance * scale / radius
        middle = angle + step / 2
        if ch.strip():
            _glyph(image, ch, font, centre, radius, middle)
        angle += step + spacing * scale / radius


def _glyph(
    image: Image.Image,
    ch: str,
    font: ImageFont.FreeTypeFont,
    centre: float,
    radius: float,
    angle: float,
) -> None:
    box = font.getbbox(ch, anchor="ms")
    ascent, descent = font.getmetrics()
    tile_w = int(box[2] - box[0] + 8)
    tile_h = ascent + descent + 8
    tile = Image.new("RGBA", (tile_w, tile_h), (0, 0, 0, 0))
    ImageDraw.Draw(tile).text(
        (tile_w / 2, ascent + 4), ch, font=font, fill=SEAL_RED, anchor="ms"
    )
    rotated = tile.rotate(
        -math.degrees(angle), resample=Image.Resampling.BICUBIC, expand=True
    )
    x = centre + radius * math.sin(angle)
    y = centre - radius * math.cos(angle)
    image.alpha_composite(
        rotated, (round(x - rotated.width / 2), round(y - rotated.height / 2))
    )

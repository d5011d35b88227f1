"""Benchmark: sign + verify round trip of a one-page PDF, RSA-2048, PAdES B-B.

    .venv/bin/python -m bench.signing [--n 300] [--profile]

No database: a throw-away PKI in a temporary directory, a one-page Decree 30 style
PDF (~25–30 KB, WeasyPrint on the shipped fonts), the software-key signer that
keeps the parsed key (``CachedKeySigner``) and a ``/Contents`` size computed
instead of pyHanko's dry-run signature. Each round trip signs the original PDF
through the engine (``pades_sign``: incremental update, CAdES signed attributes,
RSASSA-PSS) and verifies the result with pyHanko (``validate_pdf_signature``:
integrity, signature, path to the trusted root with the CAs' CRLs held locally in
a ``ValidationContext`` built once, as a verifying worker keeps it).

The floor, measured in the same run, is the raw cryptography of one round trip:
an RSA-2048 PSS signature, its verification and SHA-256 over the file. Prints the
per-core rate (target >= 100/s) and the ratio to the floor (target <= 35x).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import logging
import os
import pstats
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congso.conf.settings.dev")
django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

from asn1crypto import crl as asn1_crl  # noqa: E402
from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import padding  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.validation import async_validate_pdf_signature  # noqa: E402
from pyhanko_certvalidator import ValidationContext  # noqa: E402

from congso.signatures.pki.testing import ThrowawayPki, asn1, throwaway_pki  # noqa: E402
from congso.signatures.signing.appearance import FONT_DIR, stamp_pdf  # noqa: E402
from congso.signatures.signing.constants import PAdESLevel  # noqa: E402
from congso.signatures.signing.engine import (  # noqa: E402
    SignatureSpec,
    pades_sign,
    run_sync,
)
from congso.signatures.signing.signers import CachedKeySigner  # noqa: E402

BOLD_ITALIC = (FONT_DIR / "LiberationSerif-BoldItalic.ttf").as_uri()
TARGET_RATE = 100.0
TARGET_RATIO = 35.0
PARAGRAPH = (
    "Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ Nghị định số "
    "30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư; "
    "theo đề nghị của Trưởng phòng Văn hóa – Xã hội, Ủy ban nhân dân phường "
    "quyết định công nhận các tổ dân phố đạt danh hiệu văn hóa năm 2026. "
)


def one_page_pdf() -> bytes:
    """A one-page A4 decision-like PDF: three embedded font subsets (regular,
    bold, italic) and a page of Vietnamese text, ~25–30 KB."""
    articles = "".join(
        f"<p class='a'><b>Điều {i}.</b> {PARAGRAPH}<i>{PARAGRAPH[:90]}</i></p>"
        for i in range(1, 6)
    )
    rows = "".join(
        f"<tr><td>{i}</td><td>Tổ dân phố Phong Hòa {i}</td><td>{100 + 7 * i} hộ</td>"
        f"<td><b><i>Đạt</i></b> – xếp loại {'xuất sắc' if i % 3 else 'tốt'}</td></tr>"
        for i in range(1, 13)
    )
    body = (
        "<p class='c'><b>ỦY BAN NHÂN DÂN PHƯỜNG PHONG ĐIỀN</b></p>"
        "<p class='c'><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>"
        "<p class='c'><i>Phong Điền, ngày 08 tháng 10 năm 2026</i></p>"
        "<h1>QUYẾT ĐỊNH</h1>" + articles + f"<table>{rows}</table>"
        "<p class='c'><b>TM. ỦY BAN NHÂN DÂN — KT. CHỦ TỊCH — PHÓ CHỦ TỊCH THƯỜNG TRỰC"
        "</b></p><p class='c'><i><b>Nơi nhận: Như Điều 3; Sở Nội vụ; Lưu: VT, VHXH."
        " ẮẰẲẴẶ ẤẦẨẪẬ ÉÈẺẼẸ ẾỀỂỄỆ ÍÌỈĨỊ ÓÒỎÕỌ ỐỒỔỖỘ ỚỜỞỠỢ ÚÙỦŨỤ ỨỪỬỮỰ ÝỲỶỸỴ Đ"
        "</b></i></p><p class='c'><i>ắằẳẵặ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự ỳỷỹỵ "
        "ẮẰẲẴẶ ẤẦẨẪẬ ẾỀỂỄỆ ỐỒỔỖỘ ỚỜỞỠỢ ỨỪỬỮỰ 0123456789 (§ % & « » – — …)</i></p>"
    )
    return stamp_pdf(
        f"<div class='page'>{body}</div>",
        width_pt=595.28,
        height_pt=841.89,
        css=(
            ".page { padding: 20mm 15mm 20mm 30mm; font-size: 12.5pt; }"
            "h1 { text-align: center; font-size: 14pt; margin: 4pt 0; }"
            ".c { text-align: center; margin: 0; }"
            ".a { text-align: justify; text-indent: 1cm; margin: 0 0 4pt; }"
            "table { font-size: 10pt; border-collapse: collapse; width: 100%; }"
            "td { border: 0.5pt solid #000; padding: 1pt 3pt; }"
            '@font-face { font-family: "Congso Serif"; font-weight: bold; '
            f'font-style: italic; src: url("{BOLD_ITALIC}"); }}'
        ),
    )


def validation_context(pki: ThrowawayPki) -> ValidationContext:
    """Trusts the root; the CAs' CRLs are held locally (no fetching), as a
    verifying worker with a revocation cache would have them."""
    crls = [
        asn1_crl.CertificateList.load(ca.crl_der())
        for ca in (pki.pki.root, pki.pki.issuing)
    ]
    return ValidationContext(
        trust_roots=[asn1(pki.root)],
        other_certs=[asn1(pki.issuing)],
        crls=crls,
        allow_fetching=False,
        revocation_mode="hard-fail",
    )


def round_trip(
    pdf: bytes, signer: CachedKeySigner, context: ValidationContext
) -> bytes:
    signed = pades_sign(
        pdf,
        SignatureSpec("signature", PAdESLevel.B_B, datetime.now(UTC)),
        signer,
    )
    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures[-1]
    status = run_sync(
        async_validate_pdf_signature(embedded, signer_validation_context=context)
    )
    if not status.bottom_line:
        raise SystemExit(f"verification failed: {status.summary()}")
    return signed


def floor_seconds(pki: ThrowawayPki, pdf: bytes, rounds: int) -> float:
    """Seconds per raw round trip: RSA-2048 PSS sign + verify + SHA-256 of the file."""
    key = pki.leader.key
    public = key.public_key()
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
    attrs = os.urandom(300)  # the size of the signed attributes
    start = time.perf_counter()
    for _ in range(rounds):
        hashlib.sha256(pdf).digest()
        signature = key.sign(attrs, pss, hashes.SHA256())
        public.verify(signature, attrs, pss, hashes.SHA256())
    return (time.perf_counter() - start) / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300, help="round trips to time")
    parser.add_argument("--profile", action="store_true", help="print a profile")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        pki = throwaway_pki(Path(directory))
        pdf = one_page_pdf()
        signer = CachedKeySigner(
            certificate=asn1(pki.leader.certificate),
            key=pki.leader.key,
            chain=[asn1(pki.issuing), asn1(pki.root)],
        )
        context = validation_context(pki)
        for _ in range(10):  # warm up: imports, caches, the context's CRL parsing
            signed = round_trip(pdf, signer, context)

        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        start = time.perf_counter()
        for _ in range(args.n):
            round_trip(pdf, signer, context)
        elapsed = time.perf_counter() - start
        if profiler:
            profiler.disable()
        floor = floor_seconds(pki, pdf, max(args.n * 4, 1000))

    per_trip = elapsed / args.n
    rate = 1 / per_trip
    ratio = per_trip / floor
    write = sys.stdout.write
    write(
        f"signing round trip (sign + verify), RSA-2048 PAdES B-B, one page of "
        f"{len(pdf) / 1024:.1f} KB (signed: {len(signed) / 1024:.1f} KB), {args.n} runs\n"
    )
    write(
        f"  ours : {per_trip * 1000:7.2f} ms  = {rate:7.1f} /s per core "
        f"(target >= {TARGET_RATE:.0f}/s)\n"
    )
    write(
        f"  floor: {floor * 1000:7.3f} ms  (RSA-2048 PSS sign + verify + SHA-256 "
        f"of the file, same run)\n"
    )
    write(f"  ratio: {ratio:7.1f} x  (target <= {TARGET_RATIO:.0f}x)\n")
    ok = rate >= TARGET_RATE and ratio <= TARGET_RATIO
    write("  result: " + ("OK\n" if ok else "BELOW TARGET\n"))
    if profiler:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats(
            os.environ.get("BENCH_SORT", "cumulative")
        ).print_stats(45)


if __name__ == "__main__":
    main()

"""The independent checks of signed PDFs: poppler's ``pdfsig`` and NSS
(``certutil``, ``vfychain``), used by the signing and the verification tests."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader

from congso.core.tests.system import require_tool


@dataclass(frozen=True)
class PdfsigSignature:
    """pdfsig's lines about one signed field."""

    field: str
    signer: str
    validation: str
    certificate: str
    total: bool
    sub_filter: str

    @property
    def valid(self) -> bool:
        return self.validation == "Signature is Valid."


def pdfsig(
    data: bytes, directory: Path, nss: Path | None = None
) -> list[PdfsigSignature]:
    """pdfsig's view of each signed field (OCSP off: the demo URLs do not resolve);
    the certificate is checked against the NSS database ``nss`` when given, not at
    all otherwise (``-nocert``). Empty signature fields are left out.

    poppler 22.12 reports a trusted certificate as "Unknown issue …" (it reads a
    stale NSS error after a successful check), so callers compare against the
    messages that do mean something (not trusted, expired, digest mismatch) or check
    trust with :func:`nss_trusts_signers`."""
    require_tool("pdfsig", "poppler-utils")
    path = directory / "pdfsig-input.pdf"
    path.write_bytes(data)
    certificates = ["-nssdir", str(nss)] if nss is not None else ["-nocert"]
    completed = subprocess.run(
        ["pdfsig", *certificates, "-no-ocsp", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    results = []
    for block in re.split(r"^Signature #\d+:$", completed.stdout, flags=re.M)[1:]:
        values = dict(re.findall(r"^[ \t]+- ([^:\n]+): (.*)$", block, flags=re.M))
        if "Signature Validation" not in values:
            continue
        results.append(
            PdfsigSignature(
                field=values.get("Signature Field Name", "").strip(),
                signer=values.get("Signer Certificate Common Name", "").strip(),
                validation=values["Signature Validation"].strip(),
                certificate=values.get("Certificate Validation", "").strip(),
                total="Total document signed" in block
                and "Not total document signed" not in block,
                sub_filter=values.get("Signature Type", "").strip(),
            )
        )
    return results


def nss_database(directory: Path, *roots: Any) -> Path:
    """An NSS database in ``directory`` trusting only ``roots`` (cryptography
    certificates)."""
    require_tool("certutil", "libnss3-tools")
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["certutil", "-N", "-d", f"sql:{directory}", "--empty-password"],
        check=True,
        capture_output=True,
    )
    for number, root in enumerate(roots):
        pem = directory / f"root{number}.pem"
        pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
        subprocess.run(
            [
                *("certutil", "-A", "-d", f"sql:{directory}"),
                *("-n", f"root{number}", "-t", "CT,C,C", "-i", str(pem)),
            ],
            check=True,
            capture_output=True,
        )
    return directory


def nss_trusts_signers(pdf: bytes, directory: Path, database: Path) -> list[bool]:
    """For each signature: does NSS (``vfychain``, email-signer usage, the usage
    poppler checks) chain its embedded signer certificate to the database's root,
    using the other certificates embedded in the same CMS?"""
    require_tool("vfychain", "libnss3-tools")
    verdicts = []
    reader = PdfFileReader(io.BytesIO(pdf))
    for index, embedded in enumerate(reader.embedded_signatures):
        certificates = [c.chosen for c in embedded.signed_data["certificates"]]
        signer = embedded.signer_cert
        files = []
        for number, certificate in enumerate(
            [signer, *[c for c in certificates if c.dump() != signer.dump()]]
        ):
            path = directory / f"sig{index}-cert{number}.der"
            path.write_bytes(certificate.dump())
            files.append(str(path))
        result = subprocess.run(
            ["vfychain", "-d", f"sql:{database}", "-pp", "-u", "4", *files],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        verdicts.append("Chain is good!" in result.stdout + result.stderr)
    return verdicts

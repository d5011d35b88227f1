"""Verification of signed PDFs (xác thực chữ ký số): pyHanko's AdES validation
(ETSI EN 319 102-1) against the trust store, the simple, detailed and ETSI TS
119 102-2 reports, the public page and API, and the check at reception.

Entry points: :func:`congso.signatures.validation.selectors.pdf_validate` (the
full report) and :func:`~congso.signatures.validation.selectors.pdf_signatures_check`
(the compact check kept on a dossier document). See docs/subsystems/signatures.md,
"Verification". Nothing is imported here, so models can import the constants and
the badge without loading pyHanko."""

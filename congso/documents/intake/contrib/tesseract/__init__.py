"""Tesseract OCR (Debian ``tesseract-ocr`` + ``tesseract-ocr-vie``) driven by
OCRmyPDF, which grafts the invisible text layer onto the scan."""

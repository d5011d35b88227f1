"""OCR engines (conventions §5): the port, its registry; implementations live in
``congso.documents.intake.contrib``."""

"""Intake of incoming documents (tiếp nhận văn bản đến) that arrive outside the
electronic exchange: scans on paper recognised by OCR (:mod:`.ocr`) and e-mails
(:mod:`.mail`, fetched by :mod:`.sources`). No models: the documents services
call these and store what they return."""

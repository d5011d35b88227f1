"""Online submission (nộp hồ sơ trực tuyến) and the citizen's pages on the portal:
drafts, uploads, the electronic data store (kho dữ liệu điện tử), the citizen's
dossiers, payment of their fees and the download and check of their results."""

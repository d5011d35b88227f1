"""Exports of document work as bytes, for the views to send (docs: the module
docstrings).

* Registers (NĐ 30/2020 Phụ lục IV): ``incoming_register_get``,
  ``outgoing_register_get``, ``tracking_register_get`` build a
  :class:`Register` (frozen rows, fixed query count); ``register_pdf`` and
  ``register_xlsx`` render any of them.
* Statistics: ``statistics_report_get`` then ``statistics_xlsx`` /
  ``statistics_pdf``.
* Case file (Phụ lục VI): ``case_file_export`` → a zip with the reading copy
  (PDF), the metadata (XML, validated by ``casefile.xsd``) and the originals.
"""

from congso.documents.exports.casefile import CaseFileExport, case_file_export
from congso.documents.exports.common import XLSX, ExportError
from congso.documents.exports.contents import case_file_contents_get
from congso.documents.exports.incoming import (
    MASKED_SUBJECT,
    IncomingRegisterRow,
    TrackingRow,
    incoming_register_get,
    incoming_register_rows,
    tracking_register_get,
    tracking_register_rows,
)
from congso.documents.exports.metadata import xml_errors
from congso.documents.exports.outgoing import (
    ALL_SERIES,
    OutgoingRegisterRow,
    outgoing_register_get,
    outgoing_register_rows,
)
from congso.documents.exports.registers import Register, register_pdf, register_xlsx
from congso.documents.exports.statistics import (
    StatisticsReport,
    statistics_pdf,
    statistics_report_get,
    statistics_xlsx,
)

__all__ = [
    "ALL_SERIES",
    "MASKED_SUBJECT",
    "XLSX",
    "CaseFileExport",
    "ExportError",
    "IncomingRegisterRow",
    "OutgoingRegisterRow",
    "Register",
    "StatisticsReport",
    "TrackingRow",
    "case_file_contents_get",
    "case_file_export",
    "incoming_register_get",
    "incoming_register_rows",
    "outgoing_register_get",
    "outgoing_register_rows",
    "register_pdf",
    "register_xlsx",
    "statistics_pdf",
    "statistics_report_get",
    "statistics_xlsx",
    "tracking_register_get",
    "tracking_register_rows",
    "xml_errors",
]

"""Excel (.xlsx) import and export of the procedure catalogue (danh mục thủ tục hành
chính), the format officials actually exchange. Layout in docs/subsystems/catalog.md.

The workbook is another spelling of the JSON interchange document: one sheet per
table of it (versions, components, steps, fees, reasons), with translated headers.

- :mod:`.layout`: the sheets and their columns;
- :mod:`.cells`: one cell to and from its JSON value (pure);
- :mod:`.exports`: interchange document → workbook;
- :mod:`.imports`: workbook → interchange document → :func:`catalog_import`."""

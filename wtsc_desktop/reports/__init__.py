"""PDF documents, built with ReportLab on one shared layout (``layout.py``).

Reports take plain dataclasses (``document.py`` and each report's own), never ORM rows,
and import nothing from services/, store/ or ui/ (only guidance/ and the shared modules).
Every piece of user text goes through ``text.markup`` so that it can never be read as
ReportLab markup. ReportLab is imported only when a PDF is made: the dataclass modules
(``document``, ``chronology``, ``record_of_concern``) import it inside their ``render``
functions, so the app starts without it.
"""

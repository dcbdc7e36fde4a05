"""Loading a district's own data: one-stop exports, PAR score sheets, procedure catalogues.

    preview(data, file_name, db_path, kind)  read + validate + compare; writes nothing
    load(data, file_name, db_path, kind)     the same, then one transaction on a copy swapped in
    undo(load_id, db_path)                   put back what a load changed

Modules: readers (file -> grids), columns (header aliases, header row), mapping (cells ->
values), validate (rows -> plan), load (compare, write, swap, undo), summary (what to tell),
cli (``python -m cchc import``). Personal columns are dropped by the reader's caller before
any cell of them is looked at, and nothing of them is stored or logged.
"""

from cchc.importer.errors import ImportFileError, Rejection
from cchc.importer.load import Outcome, load, preview, undo

__all__ = ["ImportFileError", "Rejection", "Outcome", "load", "preview", "undo"]

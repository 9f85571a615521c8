"""Open Referral HSDS 3.0: zorgnet's actors as organizations and services, and back.

:func:`hsds_documents` writes the actors as HSDS organizations with their services,
:func:`hsds_json` as a page of the HSDS API, :func:`hsds_directory` for the web app's
``/hsds`` routes (:mod:`~zorgnet.formats.hsds.writer`); :func:`read_hsds` reads HSDS
JSON or the CSV data package as zorgnet records, checked like a data file, completing a
stored record of the same id (:mod:`~zorgnet.formats.hsds.reader`). Both check against
the HSDS JSON schemas (:mod:`~zorgnet.formats.hsds.schema`), read offline.
"""

from zorgnet.formats.hsds.reader import DEFAULT_SCALE, DEFAULT_TYPE, STATUS_FROM_HSDS, read_hsds
from zorgnet.formats.hsds.schema import (
    HSDS_VERSION,
    ZORGNET_TAXONOMY,
    hsds_schema_dir,
    hsds_validator,
    schema_document,
    schema_errors,
)
from zorgnet.formats.hsds.writer import (
    hsds_directory,
    hsds_documents,
    hsds_json,
    hsds_page,
)

__all__ = [
    "DEFAULT_SCALE",
    "DEFAULT_TYPE",
    "HSDS_VERSION",
    "STATUS_FROM_HSDS",
    "ZORGNET_TAXONOMY",
    "hsds_directory",
    "hsds_documents",
    "hsds_json",
    "hsds_page",
    "hsds_schema_dir",
    "hsds_validator",
    "read_hsds",
    "schema_document",
    "schema_errors",
]

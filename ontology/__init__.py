"""The zorgnet ontology: the Turtle schema, its SHACL shapes and SKOS vocabularies.

The Turtle files in this package are the one source of truth for the model. The
record kinds and fields of the data files (:mod:`zorgnet.ontology.schema`), the
pydantic models (:mod:`zorgnet.ontology.models`) and the labels shown to users are
all read from them.
"""

from zorgnet.ontology.files import ontology_graph, shapes_graph, vocabulary_graph
from zorgnet.ontology.namespace import ZN

__all__ = ["ZN", "ontology_graph", "shapes_graph", "vocabulary_graph"]

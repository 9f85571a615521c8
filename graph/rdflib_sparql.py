"""rdflib's own SPARQL engine, with fetching the graphs a query names turned off.

rdflib's engine would fetch the IRIs a query names in ``FROM`` and ``FROM NAMED`` from
the web (``rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS``). :mod:`zorgnet.graph.store`
registers the processors of this module as rdflib's ``"sparql"`` plugins, so the first
query on an rdflib graph loads this module, which turns the fetching off before the
query runs. The engine is loaded only then: importing it takes about 70 ms, which a
command answered from the saved projection does not spend.
"""

import rdflib.plugins.sparql
from rdflib.plugins.sparql.processor import SPARQLProcessor, SPARQLUpdateProcessor

__all__ = ["SPARQLProcessor", "SPARQLUpdateProcessor"]

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

"""Exports of the store's data: HSDS, FHIR, xlsx, GraphML and GEXF."""

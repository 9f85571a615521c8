"""zorgnet.graph."""

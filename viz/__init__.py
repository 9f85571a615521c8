"""zorgnet.viz."""

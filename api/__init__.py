"""zorgnet.api."""

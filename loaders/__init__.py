"""zorgnet.loaders."""

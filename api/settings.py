"""Settings of zorgnet, from arguments or ``ZORGNET_*`` environment variables."""

import os
from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["SHIPPED_DATASET", "Settings", "get_settings"]

# The shipped dataset lives beside the packages in a source checkout.
SHIPPED_DATASET = Path(__file__).resolve().parent.parent / "data" / "gooi-en-vechtstreek"


def _default_store() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "zorgnet" / "store"


class Settings(BaseSettings):
    """Where the data comes from and where the store lives."""

    model_config = SettingsConfigDict(env_prefix="ZORGNET_")

    data: Path = SHIPPED_DATASET
    store: Path = _default_store()


@lru_cache
def get_settings() -> Settings:
    """The settings, read once from the environment."""
    return Settings()

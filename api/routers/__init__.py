"""One APIRouter per resource of the web app."""

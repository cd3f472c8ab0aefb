"""The stories' scheduled job; it lives with the service it runs (stories.services)."""

from .services import delete_withdrawn_story_files

__all__ = ["delete_withdrawn_story_files"]

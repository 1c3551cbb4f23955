"""The web shell: a REST API under ``/api/v1`` (``web/api``) and a server-rendered UI
(``web/ui``), both thin over the query layer (``newsgraph.query``). ``create_app`` builds it."""

from newsgraph.web.app import create_app

__all__ = ["create_app"]

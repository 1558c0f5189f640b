"""The analyst's web UI and JSON API over a store (``dragoman serve``); needs the ``web`` extra.

``create_app(url)`` gives the ASGI app, ``serve(url, host, port)`` runs it. Read-only: pages
and ``/api/`` only ever read the store.
"""

from __future__ import annotations

from typing import Any

from dragoman.errors import ConfigError


def _app_module() -> Any:
    try:
        from dragoman.web import app
    except ImportError as exc:
        raise ConfigError(f"the web UI needs the 'web' extra ({exc.name} is missing): "
                          "pip install 'dragoman[web]'") from exc
    return app


def create_app(url: str) -> Any:
    return _app_module().create_app(url)


def serve(url: str, host: str = "127.0.0.1", port: int = 8000, **kwargs: Any) -> None:
    _app_module().serve(url, host, port, **kwargs)


__all__ = ["create_app", "serve"]

"""The web app: HTML pages (pages.py) and the JSON API (api.py) over one read-only store.

``create_app(url)`` builds it; ``serve(url, host, port)`` runs it with uvicorn, bound to
loopback unless told otherwise. Third-party JavaScript (Plotly) is served from the installed
``plotly`` package (the ``web`` extra pins it), never from a CDN; the app's own JavaScript and
CSS are in ``static/``.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import importlib.util
from collections.abc import Callable
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from dragoman import __version__
from dragoman.errors import ConfigError, QueryTooCostly, StoreError
from dragoman.knowledge.codes import label as code_label
from dragoman.store.base import Store
from dragoman.web.filters import FilterError
from dragoman.web.guard import Guard, secure

HERE = Path(__file__).parent
LOOPBACK = ("127.0.0.1", "localhost", "::1")
QUERY_TIMEOUT_S = 3.0  # a read running longer answers 400 asking for narrower filters


@cache
def plotly_js() -> tuple[str, bytes]:
    """Name and gzipped bytes of the installed Plotly bundle."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the web UI needs the 'plotly' package: pip install 'dragoman[web]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"
    name = f"plotly-{importlib.metadata.version('plotly')}.min.js"
    return name, gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def open_reader(url: str, timeout_s: float = QUERY_TIMEOUT_S) -> Store:
    """Read only, never write: a store that lacks a migration is refused (StoreError naming
    `dragoman migrate`), so a store on read-only media can be served. Each worker thread
    reads through its own connection; a read over ``timeout_s`` is stopped."""
    from dragoman.store import open_store

    return open_store(url, read_only=True, timeout_s=timeout_s)


def create_app(url: str) -> FastAPI:
    from dragoman.web import api, pages

    store = open_reader(url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        store.close()

    app = FastAPI(title="dragoman", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  description="Events (PLOVER/CAMEO), quotations, entities and dates read from "
                              "dated news, read-only. Every list also comes as CSV "
                              "(`format=csv`).")
    app.state.store = store
    app.state.templates = templates()
    app.add_middleware(GZipMiddleware, minimum_size=2000)
    app.add_middleware(Guard)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_api_route("/vendor/{name}", vendor, include_in_schema=False)
    _errors(app)
    return app


def templates() -> Jinja2Templates:
    from dragoman.web import filters, pages

    found = Jinja2Templates(directory=HERE / "templates")
    found.env.globals.update(link=pages.link, snippet=pages.snippet, code_label=code_label,
                             types=filters.PLOVER_TYPES, statuses=filters.STATUSES)
    found.env.globals["plotly_js"] = "/vendor/" + plotly_js()[0]
    found.env.globals["version"] = __version__
    found.env.tests["web_link"] = web_link
    return found


def web_link(url: object) -> bool:
    """Only an http(s) URL becomes a link: a stored ``javascript:`` or ``data:`` one never."""
    return isinstance(url, str) and url.strip() == url and \
        url.lower().startswith(("http://", "https://")) and not any(
            ord(c) < 33 for c in url)


def vendor(request: Request, name: str) -> Response:
    """Only the installed Plotly bundle: a fixed name, never a path from the request."""
    known, body = plotly_js()
    if name != known:
        return JSONResponse({"error": f"no vendored file {name!r}"}, status_code=404)
    headers = {"Cache-Control": "public, max-age=31536000, immutable", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(body, media_type="text/javascript",
                        headers={**headers, "Content-Encoding": "gzip"})
    return Response(gzip.decompress(body), media_type="text/javascript", headers=headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        response: Response = JSONResponse({"error": message}, status_code=status)
    else:
        page = request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status)
        response = HTMLResponse(page.body, status_code=status)
    secure(response.headers)  # also on a 500, which is answered outside Guard
    return response


def server_error(request: Request, exc: Exception) -> Response:
    """Whatever else went wrong: a 500 in the same shape as every other error."""
    if isinstance(exc, StoreError):
        return error_response(request, 503, str(exc))
    return error_response(request, 500, f"internal error ({type(exc).__name__}); the server "
                          "log has the details")


def _errors(app: FastAPI) -> None:
    handlers: dict[Any, Callable[[Request, Any], Response]] = {
        FilterError: lambda r, e: error_response(r, 400, e.reason),
        QueryTooCostly: lambda r, e: error_response(r, 400, str(e)),
        RequestValidationError: lambda r, e: error_response(r, 400, validation_message(e)),
        LookupError: lambda r, e: error_response(r, 404, str(e.args[0] if e.args else e)),
        StarletteHTTPException: lambda r, e: error_response(r, e.status_code, str(e.detail)),
        Exception: server_error,
    }
    for kind, handler in handlers.items():
        app.add_exception_handler(kind, handler)


def validation_message(exc: RequestValidationError) -> str:
    """FastAPI's validation errors as one sentence per bad parameter."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        got = f" (got {error['input']!r})" if "input" in error else ""
        parts.append(f"'{where}': {error.get('msg', 'invalid')}{got}")
    return "; ".join(parts)


def serve(url: str, host: str = "127.0.0.1", port: int = 8000,
          announce: Callable[[str], None] = print) -> None:
    """Serve the store at ``url`` until interrupted."""
    import uvicorn

    from dragoman.store import display_url, open_store

    # A missing or outdated store fails here, at once; then the address, before the app is
    # built (preparing the pages takes a moment) and long before the first request.
    open_store(url, read_only=True).close()
    shown = f"[{host}]" if ":" in host else host
    announce(f"dragoman: serving {display_url(url)} at http://{shown}:{port}/  (Ctrl-C stops)")
    if host not in LOOPBACK:
        announce(f"warning: bound to {host}, not loopback: anyone who can reach this machine "
                 "can read the store")
    app = create_app(url)
    uvicorn.run(app, host=host, port=port, log_level="warning")

"""What every response of the web app carries, whatever produced it.

:class:`Guard` wraps the app as plain ASGI: it answers ``HEAD`` wherever ``GET`` answers (the
same status and headers, no body) and adds :data:`SECURITY_HEADERS` to every response: a
Content-Security-Policy that lets pages load scripts, styles and data only from the server
itself (the pages have no inline script or style; chart data sits in
``<script type="application/json">`` blocks, which are never run), no framing, no MIME sniffing.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Plotly adds an empty <style> element and fills it through the CSSOM (which CSP does not
# govern), and one fixed <style> of map CSS when it loads: their hashes admit exactly those two
# elements (the second is Plotly 7.1.0's, as constraints.txt pins; with another version the map
# CSS, unused here, is refused and the browser logs it).
PLOTLY_STYLES = ("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' "
                 "'sha256-ji27qzEtxXZW+7dun6UwjHXJ18e6WAin1VvNtkzIE/o='")
CSP = ("default-src 'self'; script-src 'self'; "
       f"style-src 'self' {PLOTLY_STYLES}; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class Guard:
    """HEAD as GET without a body, and the security headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, sending)


def secure(headers: Any) -> None:
    """Set the security headers on a response made outside :class:`Guard` (a 500)."""
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value

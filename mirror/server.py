"""The HTTP server answering like rtes.fr's Drupal, on 127.0.0.1."""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from mirror.routes import HttpOptions, Response, not_modified, route, router_for
from mirror.site import Site
from mirror.themes import DEFAULT_THEME

HOST = "127.0.0.1"
# Headers a 304 repeats from the full response (RFC 9110 §15.4.5).
KEPT_ON_304 = ("ETag", "Last-Modified", "Cache-Control", "Expires", "Vary")

Router = Callable[[Site, str, str], Response]


class MirrorServer(ThreadingHTTPServer):
    """A threading HTTP server holding the site and a request counter."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, site: Site, port: int = 0, router: Router = route) -> None:
        """Bind to 127.0.0.1:port (0 picks a free port)."""
        super().__init__((HOST, port), MirrorHandler)
        self.site = site
        self.router = router  # swap in a wrapper later for faults or day changes
        self.request_count = 0
        self._count_lock = threading.Lock()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://{HOST}:{self.server_address[1]}"

    def count_request(self) -> None:
        """Count one request (instead of logging it)."""
        with self._count_lock:
            self.request_count += 1


class MirrorHandler(BaseHTTPRequestHandler):
    """GET and HEAD, with conditional requests on files."""

    server: MirrorServer
    protocol_version = "HTTP/1.1"  # keep-alive: crawlers reuse connections
    server_version = "Apache"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        """Answer a GET."""
        try:
            self._answer(send_body=True)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (timeout, size limit)

    def do_HEAD(self) -> None:  # noqa: N802
        """Answer a HEAD: same headers, no body."""
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: requests are counted, not logged."""

    def _answer(self, send_body: bool) -> None:
        """Route the request and write the response."""
        self.server.count_request()
        host = self.headers.get("Host") or f"{HOST}:{self.server.server_address[1]}"
        response = self.server.router(self.server.site, self.path, f"http://{host}")
        if not_modified(
            response, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        ):
            self.send_response(304)
            for name in KEPT_ON_304:
                if name in response.headers:
                    self.send_header(name, response.headers[name])
            self.end_headers()
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not send_body:
            return
        if response.drop_after is not None:  # a dropped connection (mirror.faults)
            self.wfile.write(response.body[: response.drop_after])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(response.body)


def _router(router: Router, page_cache: bool, sitemap: bool, theme: int = DEFAULT_THEME) -> Router:
    """The router serving with these options (a custom router brings its own: router_for)."""
    options = HttpOptions(page_cache=page_cache, sitemap=sitemap, theme=theme)
    if router is route:
        return router_for(options)
    if options != HttpOptions():
        raise ValueError(
            "pass page_cache/sitemap/theme through routes.router_for to a custom router"
        )
    return router


def start_in_thread(
    site: Site,
    port: int = 0,
    router: Router = route,
    *,
    page_cache: bool = False,
    sitemap: bool = True,
    theme: int = DEFAULT_THEME,
) -> tuple[MirrorServer, str]:
    """Serve site from a daemon thread; server.shutdown() stops it.

    page_cache: Drupal's page cache with a max age (validators and 304s on HTML pages);
    sitemap=False: no /sitemap.xml (404) and no Sitemap line in robots.txt;
    theme: the markup of the pages (mirror.themes: 1 Drupal's default templates, 2 a custom one).
    """
    server = MirrorServer(site, port, router=_router(router, page_cache, sitemap, theme))
    thread = threading.Thread(target=server.serve_forever, name="rtes-mirror", daemon=True)
    thread.start()
    return server, server.base_url


def serve_forever(
    site: Site,
    port: int = 0,
    router: Router = route,
    *,
    page_cache: bool = False,
    sitemap: bool = True,
) -> int:
    """Serve site in the foreground until Ctrl-C; returns the number of requests served."""
    server = MirrorServer(site, port, router=_router(router, page_cache, sitemap))
    print(
        f"Mirror of rtes.fr serving {len(site.resources)} resources at {server.base_url} "
        "(Ctrl-C to stop)",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(f"Stopped after {server.request_count} requests.", file=sys.stderr)
    finally:
        server.server_close()
    return server.request_count

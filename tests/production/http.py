"""A small HTTP client for real servers: keeps cookies, reads form fields, posts forms (standard library only)."""

from __future__ import annotations

import html
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


@dataclass
class Response:
    status: int
    url: str
    text: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Browser:
    """One visitor: its own cookie jar (session), no automatic redirects on POST."""

    def __init__(self, base: str, timeout: float = 60):
        self.base, self.timeout = base.rstrip("/"), timeout
        jar = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.follow = urllib.request.build_opener(jar)
        self.stay = urllib.request.build_opener(jar, _NoRedirect)

    def _open(self, opener, request) -> Response:
        try:
            with opener.open(request, timeout=self.timeout) as resp:
                return Response(resp.status, resp.url, resp.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as err:
            return Response(err.code, err.headers.get("Location") or request.full_url,
                            err.read().decode("utf-8", "replace"))

    def get(self, path: str) -> Response:
        return self._open(self.follow, urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict | list) -> Response:
        body = urllib.parse.urlencode(data).encode()
        return self._open(self.stay, urllib.request.Request(self.base + path, data=body, method="POST"))

    def login(self, username: str, password: str) -> None:
        token = field(self.get("/work/login").text, "csrf_token")
        response = self.post("/work/login", {"username": username, "password": password, "csrf_token": token})
        if response.status != 302:
            raise AssertionError(f"login as {username} failed ({response.status})")


def field(page: str, name: str) -> str:
    """The value of the input called ``name`` in an HTML page."""
    for tag in re.findall(r"<input[^>]*>", page):
        if re.search(rf'name="{re.escape(name)}"', tag):
            found = re.search(r'value="([^"]*)"', tag)
            return html.unescape(found.group(1)) if found else ""
    raise LookupError(name)

"""Anonymous GETs of public pages: an ETag from the publication generation (304 on a repeat visit)
and a small in-process cache of the rendered bytes.

Every change of what citizens may see — publish, withdraw, a disclosure date — writes its audit
event in the same transaction (``queries.CHANGE_EVENTS``), and visibility otherwise changes only
with the day; :func:`public_site.queries.published_state` reads those as one value, the
*generation*.  A page rendered for an anonymous visitor depends only on the request's path and
query and on that generation, so it is cached under the three together: a withdrawal changes the
generation and no cached copy of any page is served again.  Signed-in users (a session cookie) are
never served from or stored in the cache.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from flask import Response, current_app, request

from public_site import queries

#: Pages that depend only on the publications (search results depend on the index too: not cached here;
#: the search backends keep their own caches).
CACHED_ENDPOINTS = {"public_site.home", "public_site.publication", "public_site.project", "public_site.firm",
                    "public_site.about", "public_site.feed", "public_site.sitemap", "public_site.robots",
                    "public_site.data_json", "public_site.data_csv", "public_site.datapackage",
                    "public_site.download"}
MAX_ENTRIES = 512
MAX_BYTES = 512 * 1024
_lock = threading.Lock()
_pages: OrderedDict[str, tuple[bytes, str, int]] = OrderedDict()


def _anonymous_get() -> bool:
    return request.method == "GET" and current_app.config.get("SESSION_COOKIE_NAME", "session") not in request.cookies


def _etag() -> str:
    generation = repr(queries.published_state())
    key = f"{generation}\0{request.full_path}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def serve_cached() -> Response | None:
    """Before a public view: a 304 or the cached page when the visitor is anonymous and nothing changed."""
    if not _anonymous_get():
        return None
    etag = _etag()
    request.environ["jixiao.public_etag"] = etag
    if etag in request.if_none_match:
        response = Response(status=304)
        response.set_etag(etag)
        return response
    with _lock:
        hit = _pages.get(etag)
        if hit is not None:
            _pages.move_to_end(etag)
    if hit is None:
        return None
    body, mimetype, status = hit
    response = Response(body, status=status, mimetype=mimetype)
    response.set_etag(etag)
    return response


def store(response: Response) -> Response:
    """After a public view: tag an anonymous 200 with its ETag and keep its bytes."""
    etag = request.environ.get("jixiao.public_etag")
    if etag is None or response.status_code != 200 or response.direct_passthrough \
            or "Set-Cookie" in response.headers or response.headers.get("Content-Disposition"):
        return response
    body = response.get_data()
    response.set_etag(etag)
    if len(body) <= MAX_BYTES:
        with _lock:
            _pages[etag] = (body, response.mimetype, response.status_code)
            _pages.move_to_end(etag)
            while len(_pages) > MAX_ENTRIES:
                _pages.popitem(last=False)
    return response


def clear() -> None:
    with _lock:
        _pages.clear()

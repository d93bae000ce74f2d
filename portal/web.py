"""What the app reads from a request before any view runs: ids in paths and integers in query strings and forms.

Ids and years live in ``Integer`` columns: 64 bits on SQLite, whose driver raises ``OverflowError`` beyond,
and 32 bits on PostgreSQL, which answers "integer out of range" beyond.  So every ``<int:…>`` in a route
is bounded to what such a column holds (a larger id matches no route: 404, as any id that does not
exist), and ``request.args.get(name, type=int)`` — also on ``request.form`` — treats a larger value as it
treats ``abc``: it gives the default.  Views need nothing of their own for either.
"""

from __future__ import annotations

from flask import Flask, Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.routing import IntegerConverter

from portal.util import DB_INT_MAX, db_int


class IdConverter(IntegerConverter):
    """``<int:name>``: a non-negative integer an ``Integer`` column holds (an id, a year)."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,  # noqa: A002
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits, min, DB_INT_MAX if max is None else max, signed)


class BoundedParameters(ImmutableMultiDict):
    """Query-string and form values whose ``type=int`` conversion refuses what no ``Integer`` column holds."""

    def get(self, key, default=None, type=None):  # noqa: A002 - the signature of MultiDict.get
        return super().get(key, default, db_int if type is int else type)

    def getlist(self, key, type=None):  # noqa: A002
        return super().getlist(key, db_int if type is int else type)


class PortalRequest(Request):
    parameter_storage_class = BoundedParameters


def init_app(app: Flask) -> None:
    """Install the bounded converter and request class; call before any route is added."""
    app.request_class = PortalRequest
    app.url_map.converters["int"] = IdConverter

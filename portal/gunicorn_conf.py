"""gunicorn settings of the production entry point (``gunicorn -c python:portal.gunicorn_conf``).

The app and jieba load once in the master (``--preload``, see :mod:`portal.wsgi`).  The NER model of
de-identification must not: ONNX Runtime's thread pools do not survive ``fork``, so each worker
creates its own inference session right after it is forked, before its first request.
"""

from __future__ import annotations

preload_app = True


def post_fork(server, worker) -> None:
    from portal.deid import ner

    if ner.warm():
        server.log.info("worker %s: NER model loaded (own ONNX Runtime session)", worker.pid)

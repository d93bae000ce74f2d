"""WSGI entry point for gunicorn (``gunicorn --preload portal.wsgi:app``).

With ``--preload`` the app and jieba's dictionary load once in the master and are shared
by every forked worker, instead of costing each worker the load time on its first request.
"""

from portal import create_app, segmentation

app = create_app()
with app.app_context():  # the master starts before any worker: no upload can be in flight
    from portal.files.storage import remove_temp_files

    remove_temp_files()  # leftovers of a server killed mid-upload
segmentation.pos_tagger()  # jieba's dictionary and tag table, shared by search and de-identification
# The NER model (portal.deid.ner) is NOT loaded here: ONNX Runtime's thread pools do not survive
# fork, so each worker creates its own session on first use (and re-creates it if it finds one
# made by another process).

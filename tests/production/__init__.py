"""Production-mode tests: gunicorn with several workers on PostgreSQL."""

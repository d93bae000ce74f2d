# Copy to instance/config.py and adjust. Environment variables override these values.

# PostgreSQL in production (the embedded default is a SQLite file in this folder):
# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://jixiao:secret@127.0.0.1/jixiao"

# Plugins to switch off, comma-separated: evaluator_grading, rectification, public_site
# JIXIAO_DISABLED_PLUGINS = "rectification"

# Serve over HTTPS (Secure cookies, HSTS):
# JIXIAO_HTTPS = True

# Search backend: "whoosh" (embedded) or "postgres" (shared by several application hosts)
# JIXIAO_SEARCH_BACKEND = "whoosh"

# Largest upload in bytes
# MAX_CONTENT_LENGTH = 50 * 1024 * 1024

# Login throttling per client address and per account name (Flask-Limiter syntax);
# use a shared store such as redis:// or memcached:// when running several hosts.
# JIXIAO_LOGIN_LIMIT = "5 per minute;20 per hour"
# RATELIMIT_STORAGE_URI = "memory://"

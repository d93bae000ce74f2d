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

# Login throttling per account name: 5 failures in a row lock it for 60 s, each further failure
# after a lock doubles the lock (120 s, 240 s …) up to an hour; failures a day old are forgotten.
# Kept in the database, so every worker and host sees the same count.
# JIXIAO_LOGIN_LOCK_AFTER = 5
# JIXIAO_LOGIN_LOCK_SECONDS = 60
# JIXIAO_LOGIN_LOCK_MAX_SECONDS = 3600
# JIXIAO_LOGIN_FORGET_SECONDS = 24 * 3600

# Failed sign-ins per client address, whatever the account (Flask-Limiter syntax); use a shared
# store such as redis:// or memcached:// with several workers or hosts (memory:// counts per process).
# JIXIAO_LOGIN_IP_LIMIT = "20 per minute;200 per hour"
# RATELIMIT_STORAGE_URI = "memory://"

# Reverse proxies in front of the app whose X-Forwarded-For / X-Forwarded-Proto are trusted
# (nginx on the same or another host: 1). With 0 the headers are ignored and every client behind
# the proxy has the proxy's address. Environment: JIXIAO_PROXY_COUNT.
# JIXIAO_PROXY_COUNT = 0

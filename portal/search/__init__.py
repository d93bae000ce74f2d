"""全文检索 — the search service: one backend interface, chosen by ``JIXIAO_SEARCH_BACKEND``."""

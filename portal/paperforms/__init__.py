"""纸质报表 — the official paper layouts (申报表, 监控表, 自评表) as print view, Word and Excel."""

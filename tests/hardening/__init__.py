"""Reliability and security suite (issue 10): uploads over HTTP, crashes, backups, headers, audit."""

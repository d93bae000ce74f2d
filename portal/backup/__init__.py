"""Backup and restore of a whole instance: database, file store, search index, with a manifest of hashes."""

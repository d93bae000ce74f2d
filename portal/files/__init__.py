"""Files: uploads stored by SHA-256, written atomically, never overwritten; text extracted for review and search."""

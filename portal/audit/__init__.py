"""Security audit log: who signed in, who changed roles, who read what before it was published."""

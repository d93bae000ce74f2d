"""Accounts: organisations, users, roles, sign-in and the admin pages that manage them."""

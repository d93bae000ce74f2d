"""De-identification (脱密): recognisers, redaction policy, and the fail-closed check before publishing."""

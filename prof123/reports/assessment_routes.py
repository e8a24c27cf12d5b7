"""Report pages: assessment (being built)."""

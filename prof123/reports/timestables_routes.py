"""Report pages: timestables (being built)."""

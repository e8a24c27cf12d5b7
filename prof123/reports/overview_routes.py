"""Report pages: overview (being built)."""

"""Question families: addsub (filled in by its author)."""

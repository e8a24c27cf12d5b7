"""Question families: number (filled in by its author)."""

"""Question families: measures_geometry_stats (filled in by its author)."""

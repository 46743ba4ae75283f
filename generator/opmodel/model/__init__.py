"""Stage two: the typed, immutable model with resolved references and backlinks."""

"""Stage one: read files from content/ into located documents (no schema yet)."""

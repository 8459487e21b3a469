"""Our registered spaCy components, one module per stage."""

"""Output formats for analyses: the extract JSON contract (more formats arrive with later issues)."""

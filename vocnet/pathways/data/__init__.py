"""Reference data of pathways: the eligibility rules (``eligibility_rules``) and the sources
of the demo's numbers (SOURCES.md)."""

"""Pages of the demand app: the gap analysis and its drill-down, declarations, scenarios."""

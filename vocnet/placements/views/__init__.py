"""Pages of field training: offers, host vetting, placements and contracts."""

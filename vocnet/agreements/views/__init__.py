"""Web pages of agreements: ``pages`` (reading), ``wizard`` (create/amend), ``actions``
(lifecycle, deliveries, import)."""

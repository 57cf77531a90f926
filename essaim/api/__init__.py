"""The REST API of Essaim, under /api/v1/: see essaim.api.site."""

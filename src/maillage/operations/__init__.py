"""Running Maillage in production: the background worker, deployment checks, backups and restores."""

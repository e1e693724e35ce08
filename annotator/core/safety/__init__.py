"""Keeping work safe: backups of the database, restoring one, cleaning what a killed program left."""

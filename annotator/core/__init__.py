"""Qt-free core: project, schema, store, Korean text layer, ingest and the rest."""

"""A project on a PostgreSQL server: the engine, its DDL, roles per project and the rules rows must keep."""

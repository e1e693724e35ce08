"""The only code that speaks SQL: the Store (documents, spans, statuses, transactions), its engines
(SQLite in sqlite, PostgreSQL in postgres/), the migrations, and one module per table group."""

"""Who may write what on a shared server: annotators their own layer, reviewers gold and returns,
managers everything (they assign, import and merge packages).

Three group roles hold the rights (``ANNOTATOR``, ``REVIEWER``, ``MANAGER``); each
person logs in as a role of their own, a member of one group, whose name is their
layer. Table rights come from ``GRANT``s; which rows a person may write is checked
by a trigger on every annotation table (``annotator_check_layer``, in the schema),
keyed on ``current_user``. A trigger rather than row-level security policies:
a policy silently filters the rows an UPDATE or DELETE may touch (the edit does
nothing and says nothing), where the trigger refuses with a message that names
the user and the layer. The database owner and superusers pass every check (a
server without roles is a single team with one login).
"""

from __future__ import annotations

from typing import Iterable

ANNOTATOR, REVIEWER, MANAGER = "annotator_annotator", "annotator_reviewer", "annotator_manager"
GROUPS = (ANNOTATOR, REVIEWER, MANAGER)

# Tables everybody reads; the writes each group's members may make (rows checked by the trigger).
READ = ("documents", "documents_fts", "spans", "span_tombstones", "statuses", "rejections", "document_notes",
        "assignments", "active_time", "project_meta", "annotator_migrations", "labelled_strings", "issued_packages")
LAYER_TABLES = ("spans", "span_tombstones", "statuses", "rejections", "document_notes", "active_time")
MANAGED_TABLES = ("documents", "assignments", "project_meta", "issued_packages")

# The row check: the layer a row belongs to, and who may write it.
CHECK_FUNCTION = r"""
CREATE FUNCTION annotator_check_layer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_layer text;
    old_layer text;
    groups text[];
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
            OR pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()),
                           'member') THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    SELECT array_agg(rolname::text) INTO groups FROM pg_roles
        WHERE rolname IN ('annotator_annotator', 'annotator_reviewer', 'annotator_manager')
          AND pg_has_role(current_user, oid, 'member');
    IF 'annotator_manager' = ANY(groups) THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_TABLE_NAME IN ('rejections', 'document_notes') THEN
        IF TG_OP <> 'INSERT' THEN old_layer := OLD.layer; END IF;
        IF TG_OP <> 'DELETE' THEN row_layer := NEW.layer; END IF;
    ELSE
        IF TG_OP <> 'INSERT' THEN old_layer := OLD.annotator; END IF;
        IF TG_OP <> 'DELETE' THEN row_layer := NEW.annotator; END IF;
    END IF;
    IF annotator_may_write(groups, TG_TABLE_NAME, COALESCE(row_layer, old_layer))
            AND (old_layer IS NULL OR annotator_may_write(groups, TG_TABLE_NAME, old_layer)) THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION '% may not change the layer % (%: annotators write their own layer, reviewers gold and returns)',
        current_user, COALESCE(old_layer, row_layer), TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION annotator_may_write(groups text[], table_name text, layer text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN layer = current_user AND table_name <> 'active_time' THEN
            'annotator_annotator' = ANY(groups) OR 'annotator_reviewer' = ANY(groups)
        WHEN table_name = 'active_time' THEN layer = current_user
        WHEN layer = 'gold' THEN 'annotator_reviewer' = ANY(groups)
        WHEN table_name = 'statuses' THEN 'annotator_reviewer' = ANY(groups)  -- returns: 반려
        ELSE false
    END
$$;
"""


def check_triggers() -> str:
    return "\n".join(f"CREATE TRIGGER {table}_check_layer BEFORE INSERT OR UPDATE OR DELETE ON {table}"
                     " FOR EACH ROW EXECUTE FUNCTION annotator_check_layer();" for table in LAYER_TABLES)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def roles_sql(database: str, annotators: Iterable[str] = (), reviewers: Iterable[str] = (),
              managers: Iterable[str] = ()) -> list[str]:
    """The statements that create the groups (where missing), grant them their rights on this
    database, and make each named login a member of its group (creating it without a password)."""
    statements = []
    for group in GROUPS:
        statements.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN "
                          f"CREATE ROLE {group} NOLOGIN; END IF; END $$")
        statements.append(f"GRANT CONNECT, TEMPORARY ON DATABASE {_quoted(database)} TO {group}")
        statements.append(f"GRANT USAGE ON SCHEMA public TO {group}")
        statements.append(f"GRANT SELECT ON {', '.join(READ)} TO {group}")
        statements.append(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {group}")
        statements.append(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(LAYER_TABLES)} TO {group}")
    statements.append(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(MANAGED_TABLES)} TO {MANAGER}")
    for group, names in ((ANNOTATOR, annotators), (REVIEWER, reviewers), (MANAGER, managers)):
        for name in names:
            literal = "'" + name.replace("'", "''") + "'"
            statements.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {literal}) THEN "
                              f"CREATE ROLE {_quoted(name)} LOGIN; END IF; END $$")
            statements.append(f"GRANT {group} TO {_quoted(name)}")
    return statements

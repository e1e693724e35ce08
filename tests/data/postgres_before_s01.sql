-- A server database as annotator left it before the server step s01_trust_boundaries: its functions
-- (search paths that reach pg_temp first, unqualified names, groups that are the same in every
-- database) and the grants of the cluster-wide groups. tests/core/test_server_roles.py takes a new
-- database back to this state to check that an existing one is upgraded. Frozen: do not edit.

CREATE OR REPLACE FUNCTION annotator_labelled_strings() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
    covered text;
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        SELECT substr(d.text, OLD.start + 1, OLD."end" - OLD.start) INTO covered FROM documents d WHERE d.id = OLD.doc_id;
        UPDATE labelled_strings SET spans = spans - 1
            WHERE layer = OLD.annotator AND label = OLD.label AND text = covered;
        DELETE FROM labelled_strings
            WHERE layer = OLD.annotator AND label = OLD.label AND text = covered AND spans <= 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO labelled_strings (layer, label, text, spans)
            SELECT NEW.annotator, NEW.label, substr(d.text, NEW.start + 1, NEW."end" - NEW.start), 1
            FROM documents d WHERE d.id = NEW.doc_id
            ON CONFLICT (layer, label, text) DO UPDATE SET spans = labelled_strings.spans + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION annotator_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('annotator_changes');
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION annotator_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN doc := OLD.doc_id; ELSE doc := NEW.doc_id; END IF;
    PERFORM pg_notify('annotator', TG_TABLE_NAME || ' ' || doc);
    IF TG_OP = 'UPDATE' AND OLD.doc_id <> NEW.doc_id THEN
        PERFORM pg_notify('annotator', TG_TABLE_NAME || ' ' || OLD.doc_id);
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION annotator_notify_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('annotator', 'documents');
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION annotator_check_layer() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION annotator_may_write(groups text[], table_name text, layer text) RETURNS boolean
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
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'annotator_annotator') THEN CREATE ROLE annotator_annotator NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'annotator_reviewer') THEN CREATE ROLE annotator_reviewer NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'annotator_manager') THEN CREATE ROLE annotator_manager NOLOGIN; END IF;
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO annotator_annotator, annotator_reviewer, annotator_manager',
                   current_database());
END $$;
GRANT USAGE ON SCHEMA public TO annotator_annotator, annotator_reviewer, annotator_manager;
GRANT SELECT ON documents, documents_fts, spans, span_tombstones, statuses, rejections, document_notes, assignments,
    active_time, project_meta, annotator_migrations, labelled_strings TO annotator_annotator, annotator_reviewer, annotator_manager;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO annotator_annotator, annotator_reviewer, annotator_manager;
GRANT INSERT, UPDATE, DELETE ON spans, span_tombstones, statuses, rejections, document_notes, active_time
    TO annotator_annotator, annotator_reviewer, annotator_manager;
GRANT INSERT, UPDATE, DELETE ON documents, assignments, project_meta TO annotator_manager;

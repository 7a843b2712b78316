-- The reference data every command reads before its query (the instansi tree, its aliases, the
-- days off and the categories: about 10,000 rows in the seed) kept as one document, so that a
-- command reads one value instead of aggregating four tables (15-25 ms of the server's time,
-- against a query of 2 ms). Every statement that changes those tables bumps `stamp` (the
-- triggers below), so the document is used only while `built_from` equals it.
--
-- Officers neither read nor write the table: `meja_reference_document()` (security definer)
-- returns the document, building it again from the tables when it is stale and storing it, so
-- that no officer can store a document of their own making for the others to read. Everything in
-- it is readable by every officer anyway (the policies of 0003, 0004 and 0011 read TRUE).
CREATE TABLE reference_document (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    stamp      BIGINT NOT NULL DEFAULT 0,
    built_from BIGINT,
    document   TEXT
);
INSERT INTO reference_document (id) VALUES (1);

CREATE FUNCTION meja_reference_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE reference_document SET stamp = stamp + 1 WHERE id = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON instansi
    FOR EACH STATEMENT EXECUTE FUNCTION meja_reference_changed();
CREATE TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON instansi_alias
    FOR EACH STATEMENT EXECUTE FUNCTION meja_reference_changed();
CREATE TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holiday
    FOR EACH STATEMENT EXECUTE FUNCTION meja_reference_changed();
CREATE TRIGGER reference_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON category
    FOR EACH STATEMENT EXECUTE FUNCTION meja_reference_changed();

-- The document: each table's rows as arrays, in the columns `load_reference` reads
-- (src/store/ops/reference.rs; the SQLite copy of this statement is there). The stamp and the
-- tables are read by one statement, so from one snapshot; the document is stored only if the
-- stamp has not moved since, and never by waiting for another transaction's lock (SKIP LOCKED)
-- or in a read-only transaction (`--readonly`, a standby).
CREATE FUNCTION meja_reference_document() RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
DECLARE
    kept reference_document;
    read_at BIGINT;
    built TEXT;
BEGIN
    SELECT * INTO kept FROM reference_document WHERE id = 1;
    IF kept.document IS NOT NULL AND kept.built_from = kept.stamp THEN
        RETURN kept.document;
    END IF;
    SELECT d.stamp,
           '{"instansi":' || COALESCE((SELECT json_agg(json_build_array(id, parent_id, code, name,
                   kind, zone, path, verify_days, follow_up_days, close_days,
                   CASE WHEN requires_approval THEN 1 ELSE 0 END,
                   CASE WHEN auto_escalate THEN 1 ELSE 0 END))::text FROM instansi), '[]')
        || ',"aliases":' || COALESCE((SELECT json_agg(json_build_array(instansi_id, alias))::text
                   FROM instansi_alias), '[]')
        || ',"holidays":' || COALESCE((SELECT json_agg(json_build_array(day, instansi_id, kind,
                   name, decree))::text FROM holiday), '[]')
        || ',"categories":' || COALESCE((SELECT json_agg(json_build_array(id, parent_id,
                   name))::text FROM category), '[]')
        || '}'
      INTO read_at, built
      FROM reference_document d WHERE d.id = 1;
    IF NOT current_setting('transaction_read_only')::BOOLEAN THEN
        PERFORM 1 FROM reference_document WHERE id = 1 AND stamp = read_at FOR UPDATE SKIP LOCKED;
        IF FOUND THEN
            UPDATE reference_document SET document = built, built_from = read_at WHERE id = 1;
        END IF;
    END IF;
    RETURN built;
END $$;

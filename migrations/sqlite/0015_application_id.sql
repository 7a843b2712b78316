-- Marks the file as meja's in its header ("meja" as the application id, bytes 68-71), so that
-- opening it need not connect once more to look for meja's tables before it opens the pool
-- (a thread and a schema parse that every command paid). Files without it are still recognised
-- by their meja_meta table.
PRAGMA application_id = 1835362913;

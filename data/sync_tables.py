"""The tables of a sync target, made by the first device that syncs to a person's own
target, or by ``flowtally team init`` on a team's database (where members may not make
tables), and the statements a sync writes them with."""

from sqlalchemy import text

OWNER_TABLE = """CREATE TABLE IF NOT EXISTS flowtally_sync_owner (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    person_id text NOT NULL,
    name text
)"""
HISTORY_COLUMN = "ALTER TABLE flowtally_sync_devices ADD COLUMN IF NOT EXISTS syncs bigint"
"""Each device's count of syncs (:mod:`data.sync_identity`), added to older targets too."""
REMOTE_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS flowtally_sync_blocks (
        uid text PRIMARY KEY,
        person_id text NOT NULL,
        device_id text NOT NULL,
        revision bigint NOT NULL,
        revised_by text NOT NULL,
        deleted boolean NOT NULL,
        document text,
        seq bigint NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS flowtally_sync_blocks_seq "
    "ON flowtally_sync_blocks (person_id, seq)",
    """CREATE TABLE IF NOT EXISTS flowtally_sync_devices (
        device_id text PRIMARY KEY,
        person_id text NOT NULL,
        name text NOT NULL
    )""",
    HISTORY_COLUMN,
)

NAME_DEVICE = text(
    """INSERT INTO flowtally_sync_devices (device_id, person_id, name, syncs)
    VALUES (:d, :p, :n, :syncs)
    ON CONFLICT (device_id) DO UPDATE SET person_id = excluded.person_id, name = excluded.name,
        syncs = excluded.syncs"""
)
UPSERT = text(
    """INSERT INTO flowtally_sync_blocks
        (uid, person_id, device_id, revision, revised_by, deleted, document, seq)
    VALUES (:uid, :person_id, :device_id, :revision, :revised_by, :deleted, :document,
        (SELECT coalesce(max(seq), 0) + 1 FROM flowtally_sync_blocks WHERE person_id = :person_id))
    ON CONFLICT (uid) DO UPDATE SET
        device_id = excluded.device_id, revision = excluded.revision,
        revised_by = excluded.revised_by, deleted = excluded.deleted,
        document = excluded.document, seq = excluded.seq
    WHERE (excluded.revision, excluded.revised_by)
        > (flowtally_sync_blocks.revision, flowtally_sync_blocks.revised_by)"""
)
RENAME_OWNER = text("UPDATE flowtally_sync_owner SET name = :n WHERE name IS DISTINCT FROM :n")
PEER_NAMES = text(
    "SELECT device_id, name FROM flowtally_sync_devices WHERE person_id = :p AND device_id <> :d"
)

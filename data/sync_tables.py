"""The tables of a sync target, made by the first device that syncs to a person's own
target, or by ``flowtally team init`` on a team's database (where members may not make
tables)."""

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

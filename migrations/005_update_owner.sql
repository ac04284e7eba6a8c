-- Which instance holds an update's lease (src/state/postgres/postgres-update-log.ts): set when it
-- claims the update and when it reclaims one whose lease ran out. Renewals and done marks touch
-- only the rows their instance still owns, so an instance whose lease ran out (the database out
-- of its reach, its event loop stalled) neither extends nor closes the lease of the instance that
-- took the update over, and learns from its next renewal that the update is no longer its own.
-- NULL for the rows written before (and by instances of an earlier version, which neither set
-- nor check it); adding a nullable column rewrites no row.
ALTER TABLE bot_updates ADD COLUMN owner text;

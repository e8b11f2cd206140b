/**
 * The records' storage: SQLite (one file, the default) or PostgreSQL (shared by a clinic), the same Flyway
 * schema on both, append-only rows under a hash-chained audit, the schema version check on open, backup and
 * restore (docs/clinic.md).
 */
package io.dorsal.clinic.db;

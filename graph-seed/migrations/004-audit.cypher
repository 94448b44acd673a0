// The audit trail: one node per recorded mutation, listed newest first by (at, id).
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE;
CREATE RANGE INDEX audit_entry_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at);
CREATE RANGE INDEX audit_entry_actor IF NOT EXISTS FOR (a:AuditEntry) ON (a.actor);

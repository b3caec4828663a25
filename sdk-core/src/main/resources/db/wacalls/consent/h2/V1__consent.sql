-- wacalls consent store, H2 2.x (default mode and MODE=PostgreSQL). Applied by JdbcConsentStore.migrate
-- (Flyway history table wacalls_consent_schema_history), or by hand by teams that manage their own schema.
-- Same tables as the PostgreSQL script, except that state is a VARCHAR: H2 stores TEXT as a CLOB, read through
-- a java.sql.Clob and kept out of the row; a state is a few kilobytes.

-- One row per organisation (the ATS customer). Its only purpose is to be locked with SELECT … FOR UPDATE:
-- that serialises the daily call-limit checks of one organisation across every application instance.
CREATE TABLE wacalls_consent_org (
    org_id     VARCHAR(128)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT wacalls_consent_org_pk PRIMARY KEY (org_id)
);

-- One row per candidate on one business line. state is the ConsentState as JSON text, written whole on every
-- save; NULL until the first save (the row exists earlier because inserting it is how a first transaction locks).
-- user_key is "wa:<digits>" or "bsuid:<id>".
CREATE TABLE wacalls_consent (
    org_id     VARCHAR(128)             NOT NULL,
    line_id    VARCHAR(32)              NOT NULL,
    user_key   VARCHAR(300)             NOT NULL,
    state      CHARACTER VARYING(1000000),
    version    BIGINT                   NOT NULL DEFAULT 0,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT wacalls_consent_pk PRIMARY KEY (org_id, line_id, user_key)
);

-- The organisation's business-initiated calls of the last 25 h (older rows are pruned when a call is reserved):
-- reserved when placed, connected when answered, deleted when unanswered or refused.
CREATE TABLE wacalls_consent_org_call (
    org_id    VARCHAR(128)             NOT NULL,
    call_id   VARCHAR(1024)            NOT NULL,
    placed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    connected BOOLEAN                  NOT NULL DEFAULT FALSE,
    CONSTRAINT wacalls_consent_org_call_pk PRIMARY KEY (org_id, call_id)
);

-- Counting the calls of the last 24 h and pruning the older ones both range over placed_at within one organisation.
CREATE INDEX wacalls_consent_org_call_placed ON wacalls_consent_org_call (org_id, placed_at);

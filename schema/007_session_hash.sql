-- 007_session_hash — issue 13 items 17 and 18.
--
-- sessions.id holds the SHA-256 (64 hex) of the cookie value, never the value
-- itself: whoever reads the table (a backup, a report query) gets no session.
-- The sessions of the old format cannot be hashed back: they end here (every
-- clerk logs in once more).
DELETE FROM sessions;
ALTER TABLE sessions MODIFY id CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;

-- Server secrets, made by the first program that needs one (64 hex, 256 bits
-- from getrandom) and shared by every program on every host through the
-- database. 'login-csrf' signs the pre-login CSRF token (lib/web/session.c).
CREATE TABLE app_secrets (
    name        VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    value       CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

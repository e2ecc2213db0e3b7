-- Sign-in looks user names up case-insensitively ("Admin" and "admin" are one account), and expired sessions are
-- purged by a periodic job.
CREATE UNIQUE INDEX app_user_username_lower_idx ON app_user (lower(username));
CREATE INDEX user_session_expires_idx ON user_session (expires_at);

-- Sign-in attempts counted where every app node sees them: one row per client address and one per account name.
-- An attempt is counted before the password is checked, so concurrent attempts on several nodes cannot all slip
-- through; a successful sign-in gives its attempt back. Too many in the window lock the key out, each lock-out
-- after the first twice as long as the one before.
CREATE TABLE sign_in_throttle (
  key               text PRIMARY KEY,
  attempts          integer NOT NULL DEFAULT 0,
  window_started_at timestamptz NOT NULL DEFAULT now(),
  locked_until      timestamptz,
  lockouts          integer NOT NULL DEFAULT 0
);
CREATE INDEX sign_in_throttle_window_idx ON sign_in_throttle (window_started_at);

-- A lock-out is audited under its own action.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check CHECK (
  action IN ('read', 'create', 'update', 'delete', 'export', 'denied', 'sign_in', 'sign_out', 'sign_in_failed', 'sign_in_locked')
);

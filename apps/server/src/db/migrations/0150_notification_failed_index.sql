-- The metrics count failed notifications at every scrape: a partial index keeps that count small however many
-- notifications have been sent.
CREATE INDEX notification_failed_idx ON notification(id) WHERE status = 'failed';

-- Signers hear about milestones (established, closed) as well as answers, through the
-- same paced cursor, so every such mail carries its own one-click unsubscribe link.
ALTER TABLE signer_notices ADD COLUMN kind TEXT NOT NULL DEFAULT 'answered';
ALTER TABLE signer_notices ALTER COLUMN version_id DROP NOT NULL;

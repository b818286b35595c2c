-- The vote log is chained per voter: each row's hash covers the same voter's previous row in
-- the round, so voters never wait for each other, and one voter's rows stay in order. Rows
-- written before this chain per round ('round').
ALTER TABLE budget_vote_log ADD COLUMN chain TEXT NOT NULL DEFAULT 'round';

CREATE INDEX budget_vote_log_voter ON budget_vote_log (round_id, token, id);

-- The seal of a counted round: one hash over the last row of every chain, printed with the
-- result, so a later change to the log shows against what was announced.
ALTER TABLE budget_rounds ADD COLUMN log_seal TEXT;

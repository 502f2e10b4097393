-- When the results of an ended batch were first found gone at the provider (an archived Anthropic
-- batch, an expired OpenAI output file, a 404 on the results URL). The poller keeps trying for
-- BATON_RESULTS_GIVE_UP_HOURS from that moment, then gives the batch status failed.
ALTER TABLE baton_llm_batch ADD COLUMN results_unavailable_since TEXT
    CHECK (results_unavailable_since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z');

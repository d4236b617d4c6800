with claims as (
    select * from {{ ref('int_fact_claims') }}
),

events as (
    select * from {{ ref('dim_event') }}
)

select
    claims.claim_id,
    coalesce(events.name, claims.subject) as subject,
    claims.attribute,
    claims.value,
    claims.document_id,
    claims.char_start,
    claims.char_end,
    claims.text,
    claims.support,
    claims.derivation,
    claims.event_id,
    claims.event_mention_id,
    claims.fact_key
from claims
left join events on claims.event_id = events.event_id
-- an event claim whose event is gone (never, by construction) must not surface without a subject
where claims.event_id is null or events.event_id is not null

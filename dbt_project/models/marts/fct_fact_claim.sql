with claims as (
    select * from {{ ref('int_fact_claims') }}
),

events as (
    select * from {{ ref('dim_event') }}
)

select
    claims.claim_id,
    events.name as subject,
    claims.attribute,
    claims.value,
    claims.document_id,
    claims.char_start,
    claims.char_end,
    claims.text,
    claims.support,
    claims.derivation,
    claims.event_id,
    claims.event_mention_id
from claims
inner join events on claims.event_id = events.event_id

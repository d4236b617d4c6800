-- Event mentions as finally dated: a mention re-dated at corpus level (its document got
-- an inferred date) replaces the per-document original.
with original as (
    select * from {{ source('staging', 'event_mentions') }}
),

redated as (
    select * from {{ source('staging', 'resolved_event_mentions') }}
),

mentions as (
    select original.*
    from original
    anti join redated on original.event_mention_id = redated.event_mention_id
    union all by name
    select * from redated
),

links as (
    select * from {{ source('staging', 'event_mention_links') }}
)

select
    mentions.event_mention_id,
    links.event_id,
    mentions.document_id,
    mentions.utterance_id,
    mentions.char_start,
    mentions.char_end,
    mentions.text,
    mentions.name,
    mentions.kind,
    mentions.alias_key,
    mentions.event_date,
    mentions.date_precision,
    mentions.date_method,
    mentions.start_time,
    mentions.duration_minutes,
    mentions.place,
    mentions.first_of_its_kind,
    mentions.document_event,
    mentions.other_occurrence,
    mentions.timex_id
from mentions
left join links on mentions.event_mention_id = links.event_mention_id

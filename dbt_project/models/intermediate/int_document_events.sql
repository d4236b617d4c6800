-- The event a document itself records (a press-conference transcript is that press
-- conference); at most one per document, the earliest such mention.
select
    document_id,
    arg_min(event_id, char_start) as event_id
from {{ ref('int_event_mentions') }}
where document_event and event_id is not null
group by document_id

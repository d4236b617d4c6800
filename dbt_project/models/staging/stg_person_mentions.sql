select
    document_id,
    mention_id,
    char_start,
    char_end,
    text,
    source as mention_source,
    utterance_id,
    local_person_key
from {{ source('staging', 'person_mentions') }}

select
    document_id,
    claim_id,
    utterance_id,
    cue_id,
    subject,
    subject_key,
    attribute,
    value,
    timex_id,
    char_start,
    char_end,
    text
from {{ source('staging', 'entity_claims') }}

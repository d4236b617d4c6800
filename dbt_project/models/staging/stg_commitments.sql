select
    document_id,
    commitment_id,
    utterance_id,
    sentence_id,
    local_person_key,
    actor,
    actor_basis,
    modality,
    cue,
    char_start,
    char_end,
    text,
    due_value,
    due_precision,
    timex_id
from {{ source('staging', 'commitments') }}

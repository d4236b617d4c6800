select
    document_id,
    utterance_id,
    utterance_index,
    turn_index,
    speaker_label,
    speaker_kind,
    is_interpreted,
    char_start,
    char_end,
    local_person_key,
    text
from {{ source('staging', 'utterances') }}

select
    quote_id,
    document_id,
    candidate_id,
    local_person_key,
    char_start,
    char_end,
    text,
    documents_in_cluster,
    independent_origins
from {{ source('staging', 'quote_matches') }}

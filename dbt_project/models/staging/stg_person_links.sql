select
    document_id,
    local_person_key,
    person_id
from {{ source('staging', 'person_links') }}

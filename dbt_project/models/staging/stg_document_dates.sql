select
    document_id,
    published_on,
    published_on_method,
    char_start,
    char_end
from {{ source('staging', 'document_dates') }}

select
    document_id,
    file_name,
    title,
    kind,
    republished_from,
    publisher,
    url,
    format,
    version,
    char_count,
    content_key,
    clean_text,
    metadata
from {{ source('staging', 'documents') }}

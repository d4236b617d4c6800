select
    document_id,
    topic_mention_id,
    utterance_id,
    sentence_id,
    topic,
    matched_text,
    char_start,
    char_end
from {{ source('staging', 'topic_mentions') }}

with utterances as (
    select * from {{ ref('stg_utterances') }}
),

links as (
    select * from {{ ref('stg_person_links') }}
),

reported as (
    select * from {{ ref('int_document_events') }}
),

documents as (
    select
        document_id,
        clean_text
    from {{ ref('stg_documents') }}
)

select
    utterances.utterance_id,
    utterances.document_id,
    utterances.turn_index,
    links.person_id,
    utterances.speaker_label,
    utterances.speaker_kind,
    utterances.is_interpreted,
    utterances.char_start,
    utterances.char_end,
    substr(documents.clean_text, utterances.char_start + 1, utterances.char_end - utterances.char_start) as text,
    utterances.utterance_index,
    reported.event_id
from utterances
inner join documents on utterances.document_id = documents.document_id
left join reported on utterances.document_id = reported.document_id
left join links
    on
        utterances.document_id = links.document_id
        and utterances.local_person_key = links.local_person_key

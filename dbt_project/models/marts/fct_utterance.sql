{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_rebuilt_documents() }}"
    )
}}
-- depends_on: {{ source('staging', 'changed_documents') }}

with utterances as (
    select * from {{ ref('stg_utterances') }}
    {{ where_rebuilt(key='utterance_id') }}
),

links as (
    select * from {{ ref('stg_person_links') }}
),

reported as (
    select * from {{ ref('int_document_events') }}
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
    utterances.text,
    utterances.utterance_index,
    reported.event_id
from utterances
left join reported on utterances.document_id = reported.document_id
left join links
    on
        utterances.document_id = links.document_id
        and utterances.local_person_key = links.local_person_key

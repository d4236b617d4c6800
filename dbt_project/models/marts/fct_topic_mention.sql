{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_rebuilt_documents() }}"
    )
}}
-- depends_on: {{ source('staging', 'changed_documents') }}

with mentions as (
    select * from {{ ref('stg_topic_mentions') }}
    {{ where_rebuilt(key='topic_mention_id') }}
),

utterances as (
    select * from {{ ref('stg_utterances') }}
),

links as (
    select * from {{ ref('stg_person_links') }}
),

reported as (
    select * from {{ ref('int_document_events') }}
),

topics as (
    select * from {{ ref('ref_topics') }}
)

select
    mentions.topic_mention_id,
    mentions.document_id,
    mentions.utterance_id,
    links.person_id,
    reported.event_id,
    mentions.topic,
    mentions.matched_text,
    mentions.char_start,
    mentions.char_end,
    topics.label as topic_label,
    topics.parent as topic_group,
    mentions.sentence_id,
    utterances.speaker_kind
from mentions
left join utterances on mentions.utterance_id = utterances.utterance_id
left join links
    on
        utterances.document_id = links.document_id
        and utterances.local_person_key = links.local_person_key
left join reported on mentions.document_id = reported.document_id
left join topics on mentions.topic = topics.topic

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
    select * from {{ ref('stg_person_mentions') }}
    {{ where_rebuilt(key='mention_id') }}
),

links as (
    select * from {{ ref('stg_person_links') }}
)

select
    mentions.mention_id,
    mentions.document_id,
    mentions.utterance_id,
    links.person_id,
    mentions.mention_source,
    mentions.text,
    mentions.char_start,
    mentions.char_end
from mentions
left join links
    on
        mentions.document_id = links.document_id
        and mentions.local_person_key = links.local_person_key

{#- Per-document marts are incremental: a run rebuilds the rows of the documents it changed.

    staging.changed_documents (written by the extract step) names the documents parsed,
    removed or re-resolved (person links, event links, inferred dates) in this run. A mart's
    pre-hook deletes those documents' rows; its select then inserts those documents' rows and
    any other row the mart lacks (so a lost row heals). A new release of the dbt project gets
    a full refresh (orchestration/stages/dbt_state.py). -#}

{% macro delete_rebuilt_documents(also_documents=none) %}
    {%- if is_incremental() %}
        delete from {{ this }}
        where document_id in (select changed.document_id from {{ source('staging', 'changed_documents') }} as changed)
        {%- if also_documents %}
            or document_id in ({{ also_documents }})
        {%- endif %}
    {%- endif %}
{% endmacro %}

{#- The filter of a mart's driving rows on an incremental run: the changed documents' rows,
    and any row the mart lacks (a row, not its document: the rest of that document is there). -#}
{% macro where_rebuilt(key) %}
    {%- if is_incremental() %}
        where
            document_id in (select changed.document_id from {{ source('staging', 'changed_documents') }} as changed)
            or {{ key }} not in (select built.{{ key }} from {{ this }} as built)
    {%- endif %}
{% endmacro %}

{#- Documents with a commitment whose reaffirmation link or resolved actor changed: both join
    commitments across documents (an earlier commitment; a person's country printed elsewhere),
    so one new document can change another's rows. -#}
{% macro documents_with_changed_commitment_links() %}
    select built.document_id
    from {{ this }} as built
    left join {{ ref('int_commitment_reaffirmations') }} as reaffirmations
        on built.commitment_id = reaffirmations.commitment_id
    left join {{ ref('int_commitment_actors') }} as actors
        on built.commitment_id = actors.commitment_id
    where
        built.reaffirms_commitment_id is distinct from reaffirmations.reaffirms_commitment_id
        or built.actor is distinct from actors.actor
{% endmacro %}

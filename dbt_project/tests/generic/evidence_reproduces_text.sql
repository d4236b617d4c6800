{#- Rows whose evidence span does not reproduce their text from the document's clean text. -#}
{% test evidence_reproduces_text(model, column_name) %}
select evidence.*
from {{ model }} as evidence
inner join {{ source('staging', 'documents') }} as documents on evidence.document_id = documents.document_id
where
    substr(documents.clean_text, evidence.char_start + 1, evidence.char_end - evidence.char_start)
    is distinct from evidence.{{ column_name }}
{% endtest %}

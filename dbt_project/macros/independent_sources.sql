{#- Independent sources among the rows matching `condition`: documents that are not
    republished copies; when only copies match, one per copied publisher. -#}
{% macro independent_sources(condition) %}
    case
        when count(distinct document_id) filter (where ({{ condition }}) and not is_copy) > 0
            then count(distinct document_id) filter (where ({{ condition }}) and not is_copy)
        else count(distinct republished_from) filter (where ({{ condition }}) and is_copy)
    end
{% endmacro %}

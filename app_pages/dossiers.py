"""Hồ sơ: the dossiers behind the figures, for the shared filters, with state, procedure,
late-only and search filters, sorting and paging done in SQL (a large database never sends
every row to the browser), and an export of the filtered list. The page's own controls are
kept in the URL (dl_state, dl_proc, dl_sort by code; dl_late, dl_q, dl_desc, dl_page bound by
Streamlit).

In presentation mode the list is a deck of slides, a page of rows each ("1 / 5"), never a
scrolling table; the controls are set before presenting (the URL keeps them)."""

import logging

import streamlit as st

from cchc.core import dossier_list as dl
from cchc.i18n.formats import fmt_int
from cchc.i18n.labels import t
from cchc.store.db import run_query
from cchc.tables import dossiers as tables
from cchc.tables.export import filters_scope
from cchc.ui import presentation
from cchc.ui.sidebar import current_filters
from cchc.ui.widgets import brief_or_full, download_table, filters_text, show_table

f = current_filters()
lang = f.lang
units = run_query("units")
fields = run_query("fields")
names = {**dict(zip(units["unit_code"], units["name"])), **dict(zip(fields["field_code"], fields["name"]))}
subtitle = filters_text(f, names)

present = presentation.is_on()
deck = presentation.Deck("dossiers", t("page_dossiers", lang), lang)
st.caption(f"{subtitle}. {t('dl_scope_note', lang)}")

procedures = run_query("dossier_list_procedures", **f.query_params())
procedure_names = dict(zip(procedures["procedure_code"], procedures["procedure_name"]))

# The coded controls (state, procedure, sort) come from the URL once per session; the
# others are bound to the URL by Streamlit itself.
if not st.session_state.get("_dl_url_loaded"):
    st.session_state.update(dl.url_state(st.query_params.get_all))
    st.session_state["_dl_url_loaded"] = True
# a procedure that has no dossier under the new shared filters is no longer an option
st.session_state["dl_proc"] = [p for p in st.session_state.get("dl_proc", []) if p in procedure_names]

row = st.container(horizontal=True, gap="medium", vertical_alignment="bottom", key="dl_controls")
states = row.multiselect(
    t("dl_states", lang), list(dl.LIST_STATES), key="dl_state", persist_state="session",
    format_func=lambda s: t(f"state_{s}", lang), placeholder=t("dl_states_all", lang), width=250,
)
chosen_procedures = row.multiselect(
    t("dl_procedures", lang), list(procedures["procedure_code"]), key="dl_proc", persist_state="session",
    format_func=lambda c: f"{c} · {procedure_names.get(c, c)}", placeholder=t("dl_procedures_all", lang), width=300,
)
search = row.text_input(
    t("dl_search", lang), key="dl_q", bind="query-params", max_chars=dl.SEARCH_MAX,
    placeholder=t("dl_search_placeholder", lang), width=290,
)
row = st.container(horizontal=True, gap="medium", vertical_alignment="bottom", key="dl_sort_controls")
sort = row.selectbox(
    t("dl_sort", lang), list(dl.SORT_KEYS), key="dl_sort", persist_state="session",
    format_func=lambda k: t(dl.SORT_KEYS[k], lang), width=260,
)
descending = row.toggle(t("dl_descending", lang), key="dl_desc", bind="query-params")
late_only = row.toggle(t("dl_late_only", lang), key="dl_late", bind="query-params", help=t("dl_late_only_help", lang))

filter_values = dict(states=states, late_only=late_only, procedures=chosen_procedures, search=search)
for name, values in dl.url_params(states, chosen_procedures, sort).items():
    if values != st.query_params.get_all(name):
        if values:
            st.query_params[name] = values
        else:
            del st.query_params[name]
total = dl.matching_count(f, **filter_values)


def _is_page_reset_warning(record: logging.LogRecord) -> bool:
    # Setting the page through session state is how a pagination is moved; st.pagination
    # always has a default (1), so Streamlit warns about "a default value and a value set
    # via the Session State API" for it. Only that warning, only for dl_page, is dropped.
    return not (record.args == ("dl_page",) and "created with a default value" in str(record.msg))


_policies_log = logging.getLogger("streamlit.elements.lib.policies")
if not any(getattr(flt, "__name__", "") == "_is_page_reset_warning" for flt in _policies_log.filters):
    _policies_log.addFilter(_is_page_reset_warning)

# A new selection starts again at page 1 (but a page number arriving with the URL is kept);
# only when it is not on page 1 already.
signature = repr(sorted(dl.count_params(f, **filter_values).items())) + repr((sort, descending))
if st.session_state.get("_dl_signature") not in (None, signature) and st.session_state.get("dl_page", 1) != 1:
    st.session_state["dl_page"] = 1
st.session_state["_dl_signature"] = signature

if total == 0:
    st.info(t("dl_none", lang) if procedures.shape[0] else t("no_data_period", lang))
    st.stop()

if present:  # slides of SLIDE_ROWS rows; only the one on the screen is read
    index = deck.pages(dl.page_count(total, tables.SLIDE_ROWS))
    if index is not None:
        rows = dl.page_rows(f, **filter_values, sort=sort, descending=descending, page=index + 1,
                            page_size=tables.SLIDE_ROWS)
        first_row = index * tables.SLIDE_ROWS + 1
        with deck.page_container():
            st.caption(t("dl_slide_rows", lang, first=fmt_int(first_row, lang),
                         last=fmt_int(first_row + len(rows) - 1, lang), count=fmt_int(total, lang)))
            presentation.table(tables.SLIDE.screen(tables.slide_rows(dl.labelled(rows, lang), lang), lang),
                               key="dl_slide", wrap=[t("prog_procedure", lang)])
    deck.finish()
    st.stop()

pages = dl.page_count(total)
table_area = st.container()
page = st.pagination(pages, key="dl_page", bind="query-params", max_visible_pages=9)
rows = dl.page_rows(f, **filter_values, sort=sort, descending=descending, page=page)

with table_area:
    first = (page - 1) * dl.PAGE_SIZE + 1
    st.caption(t("dl_rows", lang, first=fmt_int(first, lang), last=fmt_int(first + len(rows) - 1, lang),
                 count=fmt_int(total, lang), page=fmt_int(page, lang), pages=fmt_int(pages, lang)))
    shown = brief_or_full(tables.LIST, "dl_table", lang, brief=tables.BRIEF)
    show_table(shown, lang, tables.brief_rows(dl.labelled(rows, lang), lang), "dl_table")

st.caption(t("dl_days_late_note", lang))

export_title = f"{t('dl_heading', lang)} – {f.period.label(lang)}"
list_filters = dl.list_filters_text(**filter_values, lang=lang)
download_table(tables.LIST, lambda: dl.export_rows(f, **filter_values, sort=sort, descending=descending, lang=lang),
               export_title, f"{subtitle}; {list_filters}" if list_filters else subtitle, "dl_export", lang,
               filters_scope(f))
if total > dl.EXPORT_CAP:
    st.caption(t("dl_export_capped", lang, cap=fmt_int(dl.EXPORT_CAP, lang), count=fmt_int(total, lang)))

"""The framework's own English words on a Vietnamese screen: replaced or hidden.

Streamlit 1.67 draws a few texts of its own that no parameter or config option changes:
the file uploader's "Upload" button and its "200MB per file • XLSX, XLS, CSV" hint, the
"No results" of a select box or multiselect whose typed text matches nothing, the
chart toolbar's tooltips (Plotly's "Zoom", "Pan", ...) and the table toolbar's tooltips
("Search", "Fullscreen", "Show/hide columns", whose menu opens on "Select all").
What the framework lets us set is set where the widget is drawn (the
multiselects' ``select_all=False``: an empty choice already means all; the Deploy button
and the developer menu by ``client.toolbarMode = "minimal"``, the CSV download by
``client.disableDataExport`` in .streamlit/config.toml). The rest is done here with one
style sheet, the words taken from the labels:

* the uploader's hint is hidden (each uploader's own label says the file types and the
  largest size in words) and its button reads "Chọn tệp";
* an empty list of options reads "Không có kết quả";
* the table toolbar's tooltips read in Vietnamese while a toolbar button is hovered
  (``body:has(button:hover)`` picks the tooltip of that button: tooltips live in a portal
  at the end of the page, not next to the button); the column-visibility button is hidden,
  as its menu cannot be translated;
* the chart toolbar's (Plotly's modebar) tooltips, drawn from each button's ``data-title``
  by Plotly's CSS, get their words from the labels.

The selectors are the framework's ``data-testid`` attributes and ARIA labels of 1.67; the
browser test (tests/browser) checks the result on the rendered page.
"""

from __future__ import annotations

import streamlit as st

from cchc.i18n.labels import t

# The table toolbar buttons' ARIA labels (Streamlit's frontend, Toolbar/DataFrame) and the
# label of their Vietnamese tooltip.
TOOLBAR_TOOLTIPS = {
    "Search": "fw_search",
    "Fullscreen": "fw_fullscreen",
    "Close fullscreen": "fw_close_fullscreen",
}

# The chart toolbar's (Plotly modebar) tooltips: the buttons' data-title, drawn by Plotly's
# own CSS as ``content: attr(data-title)``, and the label put in its place.
CHART_TOOLTIPS = {
    "Download plot as a PNG": "fw_plot_png",
    "Zoom": "fw_plot_zoom",
    "Pan": "fw_plot_pan",
    "Zoom in": "fw_plot_zoom_in",
    "Zoom out": "fw_plot_zoom_out",
    "Autoscale": "fw_plot_autoscale",
    "Reset axes": "fw_plot_reset",
    "Box Select": "fw_plot_box_select",
    "Lasso Select": "fw_plot_lasso",
    "Fullscreen": "fw_fullscreen",
}


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content:``): quotes, backslashes and line
    breaks escaped, so a label can never end the rule."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def replaced(selector: str, text: str) -> str:
    """CSS that hides the text of ``selector`` and shows ``text`` in its place, in the same
    font size as the text it replaces."""
    return (f"{selector} {{ font-size: 0 !important; }}"
            f"{selector}::after {{ content: {css_string(text)}; font-size: 0.875rem; }}")


def style_sheet(lang: str) -> str:
    """The style sheet that puts the framework's words in ``lang`` (see the module's doc)."""
    rules = [
        # the uploader: no English hint (the label says types and size), a translated button
        "[data-testid='stFileUploaderDropzoneInstructions'] { display: none !important; }",
        replaced("[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p",
                 t("fw_upload_button", lang)),
        # an empty list of options (select box, multiselect): the framework's "No results"
        replaced("[role='listbox'][data-empty='true'] [role='option'] span", t("fw_no_results", lang)),
        # the table toolbar: no column-visibility menu (English, "Select all"), Vietnamese tooltips
        "[data-testid='stElementToolbarButton']:has(button[aria-label^='Show/hide columns']) { display: none; }",
    ]
    for aria, key in TOOLBAR_TOOLTIPS.items():
        hovered = f"body:has([data-testid='stElementToolbarButton'] button[aria-label^='{aria}']:hover)"
        rules.append(replaced(f"{hovered} [data-testid='stTooltipContent'] p", t(key, lang)))
    for title, key in CHART_TOOLTIPS.items():
        # more specific than Plotly's ".js-plotly-plot .plotly [data-title]::after"
        rules.append(f".js-plotly-plot .plotly .modebar-btn[data-title='{title}']::after "
                     f"{{ content: {css_string(t(key, lang))}; }}")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def apply(lang: str) -> None:
    """Add the style sheet to this run's page (an invisible element)."""
    st.html(style_sheet(lang))

"""The meeting report as an official document (the layout of Decree 30/2020/ND-CP, appendix I):
one model that the PDF (cchc/report/pdf.py) and the DOCX (cchc/report/docx.py) both render,
so the two can never disagree.

Parts, top to bottom: the issuing body with its parent (top left) and the document's number
and symbol under it; the national name and motto (top right) with place and date under them;
the document type (BÁO CÁO) and its subject, derived from the period; the body (summary,
KPI tables, the trend and ranking charts, units below target, notes, the follow-up of the
previous meeting's directions and, last, this meeting's directions); the recipients (bottom
left) and the signature block (bottom right).

No developer words reach the document: no file names, settings' names or formula letters.
Percentage points are written out ("điểm phần trăm").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from cchc import settings
from cchc.core.kpis import MeetingFigures
from cchc.core.periods import Period, months_between
from cchc.core.targets import (
    BELOW_MARK,
    below_ontime_target,
    ontime_target,
    par_band,
    par_level,
)
from cchc.core.units import selection_text
from cchc.directions.model import Direction, FollowUp, status_on
from cchc.i18n.formats import fmt_date, fmt_delta_int, fmt_int, fmt_num, fmt_pct
from cchc.i18n.labels import t

# -- the issuing body and the signature: settings (environment), defaults of the demo ------
DEFAULT_PARENT = "UBND THÀNH PHỐ HÀ NỘI"
DEFAULT_BODY = "UBND THỊ XÃ SƠN TÂY"
DEFAULT_PLACE = "Sơn Tây"
DEFAULT_SYMBOL = "BC-UBND"
DEFAULT_RECIPIENTS = (
    "UBND thành phố Hà Nội (để báo cáo)",
    "Sở Nội vụ thành phố Hà Nội (để báo cáo)",
    "Thường trực Thị ủy, Thường trực HĐND thị xã (để báo cáo)",
    "Chủ tịch, các Phó Chủ tịch UBND thị xã",
    "Các phòng, ban, ngành thị xã",
    "UBND các xã, phường",
    "Lưu: VT, NV",
)
NUMBER_BLANK = "…"  # the office writes the number in when it registers the document


@dataclass(frozen=True)
class Issuer:
    """Who issues and signs the report, and where: from the settings, overridable per report."""

    parent: str = DEFAULT_PARENT
    body: str = DEFAULT_BODY
    place: str = DEFAULT_PLACE
    symbol: str = DEFAULT_SYMBOL
    number: str = ""
    authority: str | None = None  # None: "TM. ỦY BAN NHÂN DÂN" in the report's language
    title: str | None = None  # None: "CHỦ TỊCH"
    signer: str = ""  # the signer's name; empty leaves the line for it to be written in
    recipients: tuple[str, ...] = DEFAULT_RECIPIENTS


def issuer_from_settings(number: str | None = None, signer: str | None = None,
                         recipients: list[str] | None = None) -> Issuer:
    """The issuer from the settings (CCHC_ISSUER_PARENT, CCHC_ISSUER, CCHC_PLACE,
    CCHC_SIGNER, CCHC_SIGNER_TITLE, CCHC_RECIPIENTS separated by '|'), then the arguments."""
    return Issuer(
        parent=settings.get("CCHC_ISSUER_PARENT"),
        body=settings.get("CCHC_ISSUER"),
        place=settings.get("CCHC_PLACE"),
        number=(number or "").strip(),
        title=settings.get("CCHC_SIGNER_TITLE") or None,
        signer=(signer if signer is not None else settings.get("CCHC_SIGNER") or "").strip(),
        recipients=tuple(recipients) if recipients else (settings.get("CCHC_RECIPIENTS") or DEFAULT_RECIPIENTS),
    )


# -- the body's blocks -----------------------------------------------------------------------
@dataclass
class Heading:
    text: str
    level: int = 1  # 1: a numbered section (I., II., ...); 2: a sub-heading


@dataclass
class Para:
    text: str  # plain text; BELOW_MARK is coloured by the renderers
    style: str = "body"  # body | small | item (a list item, no first-line indent)


@dataclass
class Grid:
    """A table: a header row and body rows of text; widths are shares of the text width."""

    rows: list[list[str]]
    widths: list[float]
    numeric_from: int = 1
    bold_rows: tuple[int, ...] = ()
    highlight_col: int | None = None


@dataclass
class Chart:
    """A chart drawn from the figures by the PDF; ``rows`` are its figures as a table, for a
    format that shows the figures instead (the DOCX); None when a table beside it already
    holds them."""

    kind: str  # trend | ranking
    rows: list[list[str]] | None = None
    widths: list[float] | None = None


@dataclass
class Notice:
    heading: str
    text: str


@dataclass
class Keep:
    """Blocks printed on one page."""

    blocks: list


@dataclass
class OfficialReport:
    """Everything the PDF and the DOCX print, in order."""

    lang: str
    issuer: Issuer
    issued: date
    subject: str
    body: list
    figures: MeetingFigures
    title: str = ""
    intro: list[str] = field(default_factory=list)

    # the header's parts, as printed
    @property
    def parent(self) -> str:
        return self.issuer.parent.upper()

    @property
    def body_name(self) -> str:
        return self.issuer.body.upper()

    @property
    def number_line(self) -> str:
        return t("doc_number", self.lang, number=self.issuer.number or NUMBER_BLANK, symbol=self.issuer.symbol)

    @property
    def national(self) -> str:
        return t("doc_national", self.lang)

    @property
    def motto(self) -> str:
        return t("doc_motto", self.lang)

    @property
    def place_date(self) -> str:
        return place_date(self.issuer.place, self.issued, self.lang)

    @property
    def doc_type(self) -> str:
        return t("doc_type", self.lang)

    @property
    def recipients_heading(self) -> str:
        return t("doc_recipients", self.lang)

    @property
    def recipients(self) -> list[str]:
        """'- Sở Nội vụ (để báo cáo);' ... '- Lưu: VT, NV.' as the decree punctuates them."""
        items = list(self.issuer.recipients)
        return [f"- {r.rstrip(';.')}{'.' if i == len(items) - 1 else ';'}" for i, r in enumerate(items)]

    @property
    def signature(self) -> list[str]:
        """The signature block's lines: authority, title, (space to sign), name."""
        return [self.issuer.authority or t("doc_sign_authority", self.lang),
                self.issuer.title or t("doc_sign_title", self.lang)]


def place_date(place: str, day: date, lang: str = "vi") -> str:
    """'Sơn Tây, ngày 05 tháng 7 năm 2018': the decree writes a day below 10 and the months
    1 and 2 with a leading zero (so that nothing can be added in front of them later)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return t("doc_place_date", lang, place=place, day=f"{day.day:02d}", month=month, year=day.year)


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def subject(period: Period, lang: str = "vi") -> str:
    """The subject line, from the period's kind: 'Sơ kết công tác cải cách hành chính 6 tháng
    đầu năm 2018', '... quý II năm 2018', '... tháng 5 năm 2018', 'Tổng kết ... năm 2018'."""
    y = period.start.year
    if period.kind == "month":
        return t("doc_subject_month", lang, month=period.start.month, year=y)
    if period.kind == "quarter":
        q = (period.start.month - 1) // 3 + 1
        return t("doc_subject_quarter", lang, quarter=ROMAN[q - 1], year=y)
    if period.kind == "half":
        return t("doc_subject_half1" if period.start.month == 1 else "doc_subject_half2", lang, year=y)
    if period.kind == "year":
        return t("doc_subject_year", lang, year=y)
    return t("doc_subject_custom", lang, start=fmt_date(period.start, lang), end=fmt_date(period.end, lang))


def pct_points(value: float, lang: str = "vi") -> str:
    """A signed change in percentage points, written out: '+0,4 điểm phần trăm'."""
    if value is None or pd.isna(value):
        return "—"
    unit = t("doc_pp", lang)
    if round(value, 1) == 0:
        return f"0 {unit}"
    return f"{'+' if value > 0 else '-'}{fmt_num(abs(value), 1, lang)} {unit}"


def written_out(text: str, lang: str = "vi") -> str:
    """The screen's short unit of percentage points ('điểm %', from the shared summary
    sentences) written out for a document."""
    return text.replace(" điểm %", " " + t("doc_pp", "vi")) if lang == "vi" else text.replace(" pp", " " + t("doc_pp", lang))


def pct_label(value: float, lang: str) -> str:
    return fmt_pct(value, 0 if float(value).is_integer() else 1, lang)


# -- the KPI and ranking tables --------------------------------------------------------------
KPI_ROWS = (
    ("carried_over", "int"), ("received", "int"), ("received_online", "int"), ("resolved", "int"),
    ("early", "int"), ("on_time", "int"), ("late", "int"), ("ontime_rate", "pct"), ("in_progress", "int"),
    ("in_progress_overdue", "int"), ("withdrawn", "int"), ("online_share", "pct"),
)
KPI_WIDTHS = [0.27, 0.13, 0.13, 0.16, 0.15, 0.16]


def _value(row: pd.Series | None, key: str, kind: str, lang: str) -> str:
    if row is None:
        return "—"
    value = row[key]
    text = fmt_pct(value, 1, lang) if kind == "pct" else fmt_int(value, lang)
    if key == "ontime_rate" and below_ontime_target(value):
        text = f"{BELOW_MARK} {text}"
    return text


def _change(cur: pd.Series | None, other: pd.Series | None, key: str, kind: str, lang: str) -> str:
    if cur is None or other is None:
        return "—"
    a, b = cur[key], other[key]
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return "—"
    diff = float(a) - float(b)
    return pct_points(diff, lang) if kind == "pct" else fmt_delta_int(diff, lang)


def kpi_grid(figures: MeetingFigures, group: str) -> Grid | None:
    """The KPI table of one group: this period, the previous one, a year before, changes."""
    lang = figures.filters.lang
    k = figures.group(group)
    if k is None or k.current is None:
        return None
    rows = [[t("report_col_measure", lang), t("report_col_current", lang), t("report_col_previous", lang),
             t("report_col_change", lang), t("report_col_year_earlier", lang), t("report_col_change", lang)]]
    for key, kind in KPI_ROWS:
        label = f"   – {t(key, lang)}" if key in ("early", "on_time", "late") else t(key, lang)
        rows.append([label, _value(k.current, key, kind, lang), _value(k.previous, key, kind, lang),
                     _change(k.current, k.previous, key, kind, lang), _value(k.year_earlier, key, kind, lang),
                     _change(k.current, k.year_earlier, key, kind, lang)])
    bold = tuple(i for i, (key, _) in enumerate(KPI_ROWS) if key in ("received", "resolved", "ontime_rate"))
    return Grid(rows, KPI_WIDTHS, bold_rows=bold, highlight_col=1)


def ranking_grid(figures: MeetingFigures) -> Grid | None:
    """The PAR ranking: rank, unit, total, last year's rank, the change and the band level."""
    lang = figures.filters.lang
    ranked = figures.ranking_rows()
    if ranked.empty:
        return None
    rows = [[t("rank", lang), t("unit", lang), t("score", lang), t("report_col_previous_rank", lang),
             t("report_col_rank_change", lang), t("report_col_level", lang)]]
    for r in ranked.itertuples():
        level = par_level(r.total)
        change = "—" if pd.isna(r.rank_change) else (f"+{int(r.rank_change)}" if r.rank_change > 0 else
                                                      "0" if r.rank_change == 0 else f"-{abs(int(r.rank_change))}")
        rows.append([
            fmt_int(r.rank, lang), f"{BELOW_MARK} {r.name}" if level == "weak" else r.name,
            f"{fmt_num(r.total, 1, lang)}/{fmt_num(r.max_total, 0, lang)}",
            "—" if pd.isna(r.previous_rank) else fmt_int(r.previous_rank, lang), change,
            t(f"par_level_{level}", lang) if level else "—",
        ])
    return Grid(rows, [0.08, 0.37, 0.14, 0.15, 0.14, 0.12], numeric_from=2)


def trend_rows(figures: MeetingFigures) -> list[list[str]] | None:
    """The trend chart's figures: one row per month, the on-time rate of each group."""
    lang = figures.filters.lang
    trend = figures.trend
    if trend.empty or not trend["ontime_rate"].notna().any():
        return None
    groups = [g for g in ("town", "commune_ward") if (trend["unit_group"] == g).any()]
    names = {"town": t("town_desk", lang), "commune_ward": t("communes_wards", lang)}
    rates = {(pd.Timestamp(m).date(), g): r for m, g, r in zip(trend["month"], trend["unit_group"], trend["ontime_rate"])}
    rows = [[t("doc_col_month", lang), *(names[g] for g in groups)]]
    for p in months_between(figures.trend_window.start, figures.trend_window.end):
        cells = []
        for g in groups:
            rate = rates.get((p.start, g))
            cells.append("—" if rate is None or pd.isna(rate) else
                         (f"{BELOW_MARK} " if below_ontime_target(rate) else "") + fmt_pct(rate, 1, lang))
        rows.append([f"{p.start.month:02d}/{p.start.year}", *cells])
    return rows


def _names(names: list[str], lang: str, most: int = 15) -> str:
    text = ", ".join(names[:most])
    if len(names) > most:
        text += t("summary_more", lang, count=fmt_int(len(names) - most, lang))
    return text


def directions_grid(directions: list[Direction], as_of: date, lang: str) -> Grid:
    """A meeting's directions with their status on ``as_of`` (late computed)."""
    rows = [[t("dir_col_no", lang), t("dir_col_content", lang), t("dir_col_units", lang),
             t("dir_col_deadline", lang), t("dir_col_status", lang)]]
    for i, d in enumerate(directions, 1):
        status = status_on(d, as_of)
        rows.append([str(i), d.content, d.units or "—", fmt_date(d.deadline, lang) if d.deadline else "—",
                     (f"{BELOW_MARK} " if status == "late" else "") + t(f"dir_status_{status}", lang)])
    return Grid(rows, [0.06, 0.44, 0.2, 0.14, 0.16], numeric_from=99)


# -- the document ------------------------------------------------------------------------------
def units_text(figures: MeetingFigures) -> str:
    """The names of the selected units; with none, the scope's name or the user's units, or
    'Tất cả đơn vị' (cchc/core/units.py: selection_text)."""
    names = dict(zip(figures.units["unit_code"], figures.units["name"]))
    return selection_text(figures.filters, names, figures.filters.lang)


def _day(value) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _directions_of(period: Period, issued: date, followup: FollowUp | None | bool,
                   directions: list[Direction] | None) -> tuple[FollowUp | None | bool, list[Direction]]:
    """The previous meeting's follow-up and this meeting's directions: the given ones, or
    (``followup=True``, ``directions=None``) those of the database."""
    if followup is True or directions is None:
        from cchc.directions import store

        if followup is True:
            followup = store.follow_up(period, issued)
        if directions is None:
            directions = store.load(period)
    return followup, directions


def _section_numbers():
    """A maker of numbered section headings: 'I. ...', 'II. ...', in the order it is called,
    so that a section left out leaves no gap in the numbers."""
    numbers = iter(ROMAN)

    def section(text: str) -> Heading:
        return Heading(f"{next(numbers)}. {text}")

    return section


def _summary_part(figures: MeetingFigures, section, first: date | None, last: date | None) -> list:
    """I. The summary, with a plain sentence for a period without dossiers or outside the
    data, and the units that resolved nothing."""
    lang, period = figures.filters.lang, figures.filters.period
    body: list = [section(t("summary_heading", lang))]
    if not figures.has_dossiers:
        body.append(Para(t("report_no_dossiers", lang, period=period.label(lang))))
    if first is not None and last is not None and (period.end < first or period.start > last):
        body.append(Para(t("doc_outside_data", lang, first=fmt_date(first, lang), last=fmt_date(last, lang))))
    sentences = figures.summary()
    if sentences:
        body.append(Para(written_out(" ".join(sentences), lang)))
    if figures.has_dossiers:
        idle = figures.per_unit[figures.per_unit["resolved"] == 0]
        if len(idle):
            names = t("units_all", lang) if len(idle) == len(figures.per_unit) else _names(list(idle["name"]), lang)
            body.append(Para(t("doc_none_resolved", lang, units=names)))
    return body


def _kpi_part(figures: MeetingFigures, section) -> list:
    """II. The KPI tables of the town desk and of the communes and wards (none without dossiers)."""
    lang, period = figures.filters.lang, figures.filters.period
    if not figures.has_dossiers:
        return []
    body: list = [section(t("report_kpi_heading", lang)),
                  Para(t("report_comparison_note", lang, previous=period.previous().label(lang),
                         year_earlier=period.year_earlier().label(lang)), "small")]
    for group, title in (("town", t("town_desk", lang)), ("commune_ward", t("communes_wards", lang))):
        grid = kpi_grid(figures, group)
        if grid is not None:
            body.append(Keep([Heading(title, 2), grid]))
    return body


def _trend_part(figures: MeetingFigures, section) -> list:
    """III. The on-time trend: the chart, its figures as a table, and the window it covers."""
    lang = figures.filters.lang
    rows = trend_rows(figures)
    if rows is None:
        return []
    return [section(t("trend_heading", lang)),
            Chart("trend", rows, [0.3] + [0.35] * (len(rows[0]) - 1)),
            Para(t("doc_trend_note", lang, start=fmt_date(figures.trend_window.start, lang),
                   end=fmt_date(figures.trend_window.end, lang)), "small")]


def _ranking_part(figures: MeetingFigures, section) -> list:
    """IV. The PAR ranking: chart and table, and the units without a rank."""
    lang = figures.filters.lang
    if figures.par_year is None:
        return []
    body: list = [section(t("ranking_heading", lang, year=figures.par_year))]
    grid = ranking_grid(figures)
    if grid is None:
        body.append(Para(t("ranking_none", lang)))
    else:
        body += [Chart("ranking"), grid]
        ranking = figures.ranking
        missing = ranking[ranking["rank"].isna()] if ranking is not None else None
        if missing is not None and len(missing):
            body.append(Para(t("report_not_ranked", lang, units=", ".join(missing["name"])), "small"))
    return body


def _targets_part(figures: MeetingFigures, section) -> list:
    """V. The units below target: on-time rate below the target, and (with a PAR year) a
    weak PAR total; each its own block kept on one page."""
    lang = figures.filters.lang
    target_text = pct_label(ontime_target(), lang)
    weak_line, _ = par_band()
    block: list = [section(t("target_heading", lang)), Heading(t("target_below_ontime", lang, target=target_text), 2)]
    below = figures.below_target() if figures.has_dossiers else pd.DataFrame()
    if below.empty:
        block.append(Para(t("target_none_below", lang)))
    else:
        grid_rows = [[t("unit", lang), t("resolved", lang), t("late", lang), t("ontime_rate", lang)]]
        grid_rows += [[f"{BELOW_MARK} {r.name}", fmt_int(r.resolved, lang), fmt_int(r.late, lang),
                       f"{BELOW_MARK} {fmt_pct(r.ontime_rate, 1, lang)}"] for r in below.itertuples()]
        block.append(Grid(grid_rows, [0.46, 0.17, 0.17, 0.2]))
    body: list = [Keep(block)]
    if figures.par_year is not None:
        weak = figures.weak_par()
        block = [Heading(t("target_weak_par", lang, year=figures.par_year, weak=fmt_num(weak_line, 0, lang)), 2)]
        if weak.empty:
            block.append(Para(t("target_none_below", lang)))
        else:
            grid_rows = [[t("unit", lang), t("rank", lang), t("score", lang)]]
            grid_rows += [[f"{BELOW_MARK} {r.name}", fmt_int(r.rank, lang),
                           f"{BELOW_MARK} {fmt_num(r.total, 1, lang)}/{fmt_num(r.max_total, 0, lang)}"]
                          for r in weak.itertuples()]
            block.append(Grid(grid_rows, [0.46, 0.17, 0.37]))
        body.append(Keep(block))
    return body


def _notes_part(figures: MeetingFigures, section, first: date | None, last: date | None) -> list:
    """VI. The notes: the formulas, the targets and the data's source, in words."""
    lang, period, info = figures.filters.lang, figures.filters.period, figures.info
    weak_line, good_line = par_band()
    notes = [
        t("doc_ontime_note", lang),
        t("doc_target_note", lang, target=pct_label(ontime_target(), lang), mark=BELOW_MARK),
        t("doc_par_note", lang, weak=fmt_num(weak_line, 0, lang), good=fmt_num(good_line, 0, lang)),
        t("report_comparison_note", lang, previous=period.previous().label(lang),
          year_earlier=period.year_earlier().label(lang)),
        t("report_note_par_year", lang),
    ]
    if figures.is_demo:
        notes.append(t("par_demo_note", lang))
    described = info["dataset_description"]
    notes.append(t(
        "doc_source_note", lang,
        source=described if isinstance(described, str) and described
        else t("report_source_demo" if figures.is_demo else "report_source_real", lang),
        first=fmt_date(first, lang) if first else "—", last=fmt_date(last, lang) if last else "—",
        count=fmt_int(info["dossiers"], lang),
    ))
    return [Keep([section(t("report_notes_heading", lang))] + [Para(f"• {n}", "small") for n in notes])]


def _followup_part(followup: FollowUp | None | bool, section, lang: str) -> list:
    """VII. The previous meeting's directions, followed up (left out without a follow-up)."""
    if not isinstance(followup, FollowUp):
        return []
    block = [section(t("doc_followup_heading", lang)), Para(followup.sentence(lang))]
    if followup.directions:
        block.append(directions_grid(list(followup.directions), followup.as_of, lang))
        if followup.is_demo:
            block.append(Para(t("dir_demo_note", lang), "small"))
    return [Keep(block)]


def _directions_part(directions: list[Direction], section, period: Period, lang: str) -> list:
    """VIII. This meeting's directions, numbered, each with its units and deadline: the
    report's last part."""
    body: list = [section(t("doc_directions_heading", lang))]
    if directions:
        for i, d in enumerate(directions, 1):
            extra = "; ".join(x for x in (d.units, t("dir_col_deadline", lang).lower() + " " + fmt_date(d.deadline, lang)
                                          if d.deadline else "") if x)
            body.append(Para(f"{i}. {d.content.rstrip('.')}" + (f" ({extra})." if extra else "."), "item"))
        if any(d.is_demo for d in directions):
            body.append(Para(t("dir_demo_note", lang), "small"))
    else:
        body.append(Para(t("doc_directions_none", lang, meeting=period.label(lang))))
    return body


def build_document(figures: MeetingFigures, issued: date | None = None, issuer: Issuer | None = None,
                   followup: FollowUp | None | bool = True, directions: list[Direction] | None = None) -> OfficialReport:
    """The official report of these figures. ``followup`` and ``directions`` (the previous
    meeting's follow-up, this meeting's directions) are read from the database when not given
    (``followup=True``); ``followup=None`` leaves the follow-up out."""
    f = figures.filters
    lang, period = f.lang, f.period
    issued = issued or date.today()
    issuer = issuer or issuer_from_settings()
    followup, directions = _directions_of(period, issued, followup, directions)
    first, last = _day(figures.info["first_received"]), _day(figures.info["last_received"])
    section = _section_numbers()  # the parts below number their headings in this order

    body: list = []
    if figures.is_demo:
        body.append(Notice(t("report_demo_heading", lang), t(figures.notice_key, lang)))
    body += _summary_part(figures, section, first, last)
    body += _kpi_part(figures, section)
    body += _trend_part(figures, section)
    body += _ranking_part(figures, section)
    body += _targets_part(figures, section)
    body += _notes_part(figures, section, first, last)
    body += _followup_part(followup, section, lang)
    body += _directions_part(directions, section, period, lang)

    intro = [t("report_period", lang, period=period.label(lang), start=fmt_date(period.start, lang),
               end=fmt_date(period.end, lang)),
             t("report_units", lang, units=units_text(figures))]
    return OfficialReport(lang=lang, issuer=issuer, issued=issued, subject=subject(period, lang), body=body,
                          figures=figures, title=f"{t('doc_type', lang)} — {subject(period, lang)}", intro=intro)

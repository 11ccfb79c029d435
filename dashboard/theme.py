"""Fonts, inks and type sizes, declared once for the charts (plotly) and the stylesheet.

The Streamlit theme itself (primary colour, text and background) is in .streamlit/config.toml;
these are the values our own figures and rules need. Inks are chosen for at least 4.5:1
contrast on white.
"""

from __future__ import annotations

import math

# Streamlit bundles its Latin font; Chinese falls back to a CJK font the machine has
# (fonts-noto-cjk on Debian, YaHei/PingFang on desktops). Nothing is fetched from the web.
FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
INK = "#1a1a1a"  # body text in figures
INK_STRONG = "#0b1f3a"  # headline figures and presenter titles
INK_MUTED = "#4d4d4d"  # subtitles and notes (7.5:1 on white)
# A chart's toolbar: dark icons on near-white. Plotly's and the chart theme's pale icons on a
# grey box looked disabled, and were under the 3:1 a control needs.
MODEBAR = {"bgcolor": "rgba(255,255,255,0.9)", "color": INK_MUTED, "activecolor": INK}
# Keyboard focus ring: the theme's primaryColor (.streamlit/config.toml), 8.7:1 on white and
# 7.7:1 on the sidebar (#f0f2f6); WCAG asks 3:1 of a focus indicator.
FOCUS_RING = "#1f4e79"
# The two bases' bars in the ranked places (ui/ranked_bars.js): the colours Streamlit's chart
# theme gave the two plotly traces before the list became HTML (its first two categorical
# colours). The dark blue is 5.5:1 on white; the light blue only 1.8:1, so its bar carries an
# outline in the dark blue's darker sibling, and the bar's edge reaches 3:1 (WCAG 1.4.11).
BASIS_COLORS = {"project": "#0068c9", "place_total": "#83c9ff"}
BAR_OUTLINE = "#0054a3"  # 7.4:1 on white
# Tick labels drawn as given: level, and never hidden for crossing the chart's edge. Plotly's
# defaults (an "auto" angle, "hide past div" for a value axis) measure every tick label with
# getBoundingClientRect after each draw, a forced layout of the whole page per label: about a
# third of the browser's work when a filter changes the landing page (profiled with
# bench/profile_interact.py). Our labels are short numbers and names on bar rows, level
# anyway; at worst a last number is cut by the chart's edge instead of being hidden.
STEADY_TICKS = {"tickangle": 0, "ticklabeloverflow": "allow"}
# Estimated character widths, in em (the server cannot measure fonts).
WIDE_CHAR_EM = 1.0  # a CJK character
NARROW_CHAR_EM = 0.6  # a digit or Latin letter (cautious)


def text_width(text: str, font_px: float) -> float:
    """Estimated width of `text` in px."""
    return sum(font_px * (WIDE_CHAR_EM if ord(char) > 0x2E80 else NARROW_CHAR_EM)
               for char in text)


def wrap(text: str, font_px: float, width_px: float) -> list[str]:
    """`text` in lines no wider than `width_px` (estimated), broken after a space or a
    Chinese comma where possible; plotly's annotations and tick labels do not wrap."""
    lines, line = [], ""
    for char in text:
        # a space never starts a line: the next word breaks at it instead
        if line and char != " " and text_width(line + char, font_px) > width_px + 1e-6:
            cut = max(line.rfind(" "), line.rfind("，"), line.rfind("、"), line.rfind("；"))
            head, tail = (line[: cut + 1], line[cut + 1 :]) if cut > 0 else (line, "")
            lines.append(head.rstrip())
            line = tail
        line += char
    return [*lines, line] if line else lines


# A bar chart's category label wraps past this many wide characters: a project's full name
# would otherwise take the chart's whole width on a phone and leave no room for its bar.
BAR_LABEL_EM = 12


def bar_label(text: str, font_px: float) -> str:
    """A category label of a horizontal bar chart, in lines (plotly's <br>) of about even
    width, so a long name does not end in a line of one character."""
    widest, total = BAR_LABEL_EM * font_px, text_width(text, font_px)
    count = math.ceil(total / widest)
    even = wrap(text, font_px, min(widest, total / max(count, 1) + font_px))
    return "<br>".join(even if len(even) <= count else wrap(text, font_px, widest))


def bar_row_px(labels, font_px: float, least: int, pad: int) -> int:
    """Height of one bar chart row: `least`, or what its most-wrapped label needs."""
    lines = max([str(label).count("<br>") + 1 for label in labels] + [1])
    return max(least, round(lines * font_px * 1.3) + pad)


def unmeasured_bar_axes(figure, labels, label_px: int, tick_px: int) -> None:
    """Margins planned here instead of measured by plotly.js, for a horizontal bar chart.

    Why: plotly measures every tick label (a forced layout of the whole page each) when an
    axis has automargin or a title standoff, and Streamlit's chart theme sets both. On the
    energy and clusters pages that was the browser's largest cost of a first visit. Pages
    draw these charts with theme=None (ui/widgets.bar_chart); the category labels get the left
    margin their estimated width needs, the value axis its ticks and title below."""
    left = max([text_width(line, label_px) for label in labels
                for line in str(label).split("<br>")] + [0]) + label_px
    bottom = tick_px * 2 + round(label_px * 1.8)
    figure.update_layout(margin={"l": round(left), "b": bottom},
                         yaxis={"automargin": False}, xaxis={"automargin": False})


# Type sizes in px: for a laptop, and for a projector or a shared screen (presenter mode).
TEXT_PX = 14
PRESENT_TEXT_PX = 22


def text_px(present: bool) -> int:
    return PRESENT_TEXT_PX if present else TEXT_PX


def css_variables() -> str:
    """The constants as CSS custom properties, for ui/style.css."""
    return (f":root {{--ink: {INK}; --ink-strong: {INK_STRONG}; --ink-muted: {INK_MUTED};"
            f" --focus-ring: {FOCUS_RING}; --font-cjk: {FONT_FAMILY};"
            f" --bar-project: {BASIS_COLORS['project']};"
            f" --bar-place-total: {BASIS_COLORS['place_total']}; --bar-outline: {BAR_OUTLINE};}}")

# The smallest type on a projector (presenter mode): every text of a figure is at least this.
PRESENT_MIN_PX = 18
# Footnote type (a figure's source line) on a laptop screen.
NOTE_PX = 11

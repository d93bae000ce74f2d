"""A bar chart of items closed per month as server-rendered SVG (presentation attributes only: the CSP forbids inline styles)."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT = 960, 260
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 20, 40


def closed_per_month_svg(series: list[tuple[str, int]]) -> Markup:
    """``series`` is ``[("2024-01", 3), …]``; returns an accessible ``<svg>`` element."""
    peak = max((count for _, count in series), default=0)
    scale_top = max(peak, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(series), 1)
    bar_w = step * 0.6
    total = sum(count for _, count in series)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'role="img" aria-labelledby="closed-chart-title" class="rectification-chart">',
             f'<title id="closed-chart-title">每月销号事项数（近 {len(series)} 个月共 {total} 项）</title>',
             f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#888"/>']
    for tick in sorted({0, scale_top // 2, scale_top}):
        y = TOP + plot_h - plot_h * tick / scale_top
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#e3e6ea"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#555">{tick}</text>')
    for index, (label, count) in enumerate(series):
        x = LEFT + index * step + (step - bar_w) / 2
        h = plot_h * count / scale_top
        y = TOP + plot_h - h
        month = escape(label)
        parts.append(f'<g><title>{month}：{count} 项</title>'
                     f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="#2f6db5"/>')
        if count:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" font-size="12" text-anchor="middle" '
                         f'fill="#222">{count}</text>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="12" '
                     f'text-anchor="middle" fill="#555">{int(label[5:])}月</text>')
        if index == 0 or label.endswith("-01"):
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - BOTTOM + 32}" font-size="11" '
                         f'text-anchor="middle" fill="#888">{label[:4]}年</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))

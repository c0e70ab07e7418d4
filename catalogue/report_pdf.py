"""The diagnosis report as a PDF (fpdf2), in the language of the request (zh-hans by default)."""

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from catalogue import pdf_font
from catalogue.choices import Severity
from catalogue.models import DiagnosisReport

MARGIN = 18  # mm
BODY_SIZE = 10.5
HEADING_SIZE = 13
TITLE_SIZE = 18
LINE_HEIGHT = 6.5
HEADING_SHADE = (230, 234, 240)
# Widths of the findings table's columns, in shares of the text width.
FINDING_COLUMNS = (8, 22, 14, 56)


@dataclass(frozen=True)
class _Document:
    """Every string the PDF shows, gathered first so the font can be cut to them."""

    title: str
    facts: list[str]
    conclusion_heading: str
    conclusion: str
    findings_heading: str
    findings_header: tuple[str, ...]
    findings: list[tuple[str, ...]]
    recommendations_heading: str
    recommendations: list[str]
    footer: str

    def text(self) -> str:
        parts = [
            self.title,
            self.conclusion_heading,
            self.conclusion,
            self.findings_heading,
            self.recommendations_heading,
            self.footer,
            *self.findings_header,
            *(cell for row in self.findings for cell in row),
            *self.facts,
            *self.recommendations,
        ]
        return "".join(parts) + "0123456789"


def render(report: DiagnosisReport) -> bytes:
    """Return ``report`` as a PDF (its request, enterprise, station and expert preloaded)."""
    document = _document(report)
    with tempfile.TemporaryDirectory() as folder:
        font_path = Path(folder) / f"{pdf_font.FAMILY}.ttf"
        pdf_font.write_subset(document.text(), font_path)
        return _pdf(document, font_path)


def _document(report: DiagnosisReport) -> _Document:
    ticket = report.ticket
    expert = ticket.assigned_expert
    written = timezone.localtime(report.created_at)
    severities = dict(Severity.choices)
    return _Document(
        title=_("Quality diagnosis report"),
        facts=[
            f"{label}：{value}"
            for label, value in (
                (_("Request"), ticket.reference),
                (_("Enterprise"), ticket.enterprise.name),
                (_("Service"), ticket.service.name),
                (_("Station"), ticket.station.name),
                (_("Expert"), f"{expert.name}（{expert.organization}）" if expert else "—"),
                (_("Issued on"), written.date().isoformat()),
            )
        ],
        conclusion_heading=_("Conclusion"),
        conclusion=ticket.resolution,
        findings_heading=_("Findings"),
        findings_header=("#", _("Area"), _("Severity"), _("Evidence")),
        findings=[
            (
                str(finding.position),
                finding.area,
                str(severities[finding.severity]),
                finding.evidence,
            )
            for finding in report.findings.all()
        ],
        recommendations_heading=_("Recommendations"),
        recommendations=[_recommendation_line(r) for r in report.recommendations.all()],
        footer=_("Issued through the NQI one-stop service network."),
    )


def _recommendation_line(recommendation) -> str:
    line = f"{recommendation.position}. {recommendation.text}"
    if recommendation.follow_up is not None:
        line += " " + _("(followed up as request %(reference)s)") % {
            "reference": recommendation.follow_up.reference
        }
    return line


def _pdf(document: _Document, font_path: Path) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.set_title(document.title)
    pdf.set_creator("NQI one-stop service")
    pdf.add_font(pdf_font.FAMILY, fname=str(font_path))
    pdf.add_page()
    pdf.set_font(pdf_font.FAMILY, size=TITLE_SIZE)
    pdf.cell(0, 12, document.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font(size=BODY_SIZE)
    for fact in document.facts:
        _paragraph(pdf, fact)
    _heading(pdf, document.conclusion_heading)
    _paragraph(pdf, document.conclusion)
    _heading(pdf, document.findings_heading)
    # One weight of the font is embedded: headings are set apart by shading, not bold.
    headings = FontFace(emphasis=None, fill_color=HEADING_SHADE)
    with pdf.table(
        col_widths=FINDING_COLUMNS, line_height=LINE_HEIGHT, headings_style=headings
    ) as table:
        for row in (document.findings_header, *document.findings):
            cells = table.row()
            for value in row:
                cells.cell(value)
    _heading(pdf, document.recommendations_heading)
    for line in document.recommendations:
        _paragraph(pdf, line)
    pdf.ln(6)
    pdf.set_font(size=BODY_SIZE - 2)
    _paragraph(pdf, document.footer)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(size=HEADING_SIZE)
    _paragraph(pdf, text)
    pdf.set_font(size=BODY_SIZE)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.multi_cell(0, LINE_HEIGHT, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

"""pdfpages.py: a PDF read page by page with poppler's pdfinfo and pdftotext, for the
tests that check what riskgrade's files look like printed (tests/export/pdf_check.py,
tests/report/pdf_check.py, tests/notice/check.py).  Standard library only."""
import re
import subprocess


def run(*args):
    """The standard output of a program; fails the test (an exception) if it fails."""
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def sizes(pdf):
    """The size of each page of pdf in points, [(width, height), ...], page 1 first."""
    n = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))
    found = re.findall(r"^Page\s+\d+ size:\s+([0-9.]+) x ([0-9.]+)",
                       run("pdfinfo", "-f", "1", "-l", str(n), pdf), re.M)
    if len(found) != n:
        raise RuntimeError(f"{pdf}: pdfinfo gives the size of {len(found)} pages of {n}")
    return [(float(w), float(h)) for w, h in found]


def is_size(size, width, height):
    """Whether size is width x height points, give or take a point."""
    return abs(size[0] - width) <= 1 and abs(size[1] - height) <= 1


A4 = (595.28, 841.89)           # portrait, in points
A4_LANDSCAPE = (841.89, 595.28)


def text(pdf, page, layout=False):
    """The text of page (1 first) of pdf; with layout, laid out as on the page."""
    return run("pdftotext", *(["-layout"] if layout else []), "-f", str(page), "-l",
               str(page), pdf, "-")


def stamped(page_text):
    """Whether a browser stamped the page: its file:// address or a date and time."""
    return "file://" in page_text or bool(
        re.search(r"\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}", page_text))

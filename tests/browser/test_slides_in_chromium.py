"""The workshop's deck in Chromium at 1024×768 (a school projector): built by ``python3 run.py slides``, opened
from a file:// URL, offline.

The deck is built into a temporary folder (widget snapshots come from the
cache in build/slides/snapshots/, drawn there on the first run). The page
may ask for nothing but itself: every request is logged, and one that is not
the file or a data: URI fails the test (the ``context`` fixture also refuses
any http request that leaves the machine). Then: as many slides as the
notebooks' metadata starts (plus the title slide), the arrow keys walk
through every one and back, no console errors, every picture loaded, a
widget's snapshot shows, no slide's content runs off its bottom, no code or
output is cut off on the right (long lines wrap), code is at least 19 px on
the screen, and a picture that shares its slide fills it on the next key
press. A wide screen (1366×768) gets the same checks of fit.

Every test runs on the English workshop deck and on the Dutch one (``--language nl``, made from notebooks/nl/,
which has the English cells and slide metadata, so the same slides).
"""

import json
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
FOLDERS = {"en": NOTEBOOKS, "nl": NOTEBOOKS / "nl"}
TITLES = {"en": "From pixels to a neuron's weighted sum", "nl": "Van pixels naar de gewogen som van een neuron"}
WORKSHOP = ("00", "01", "02", "03", "10")
QUESTIONS = (1, 2, 3)  # of the exit ticket, notebook 10
PROJECTOR = {"width": 1024, "height": 768}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

pytestmark = [pytest.mark.browser, pytest.mark.builds]


def deck_cells(language: str, numbers=WORKSHOP):
    """The core cells on the workshop's deck (00's on-ramp too; of the exit ticket only questions 1 to 3)."""
    for number in numbers:
        (path,) = FOLDERS[language].glob(f"{number}-*.ipynb")
        question = None
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown" and source.startswith("#"):
                heading = re.match(r"### (?:Question|Vraag) (\d+)", source)
                question = int(heading[1]) if heading else None
            if "extension" not in cell.get("metadata", {}).get("tags", []) and question in (None, *QUESTIONS):
                yield cell


def expected_slides(language: str) -> int:
    """The title slide, and one per cell on the deck whose metadata starts a slide."""
    return 1 + sum(cell["metadata"].get("slideshow", {}).get("slide_type") in ("slide", "subslide")
                   for cell in deck_cells(language))


def expected_widgets(language: str) -> int:
    return sum(any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))
               for cell in deck_cells(language))


@pytest.fixture(scope="module", params=["en", "nl"])
def language(request):
    """The workshop's deck in English (the default) and in Dutch (``--language nl``)."""
    return request.param


@pytest.fixture(scope="module")
def deck(tmp_path_factory, missing, language):
    out = tmp_path_factory.mktemp("slides") / f"workshop-{language}.html"
    built = subprocess.run([sys.executable, "scripts/build_slides.py", "--language", language, "--out", str(out)],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
    if built.returncode != 0 and "could not download" in built.stderr:
        missing(f"reveal.js is not in build/npm/ and the npm registry cannot be reached: {built.stderr.strip()}")
    assert built.returncode == 0, built.stderr
    assert "could not be drawn" not in built.stderr, built.stderr
    return out


@pytest.fixture(scope="module")
def page(context, deck):
    page = context.new_page()
    page.set_viewport_size(PROJECTOR)
    page.requests, page.console_errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.goto(deck.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
    try:
        yield page
    finally:
        page.close()


def indices(page) -> tuple[int, int, int]:
    found = page.evaluate("Reveal.getIndices()")
    return found["h"], found["v"], found.get("f") if found.get("f") is not None else -1


def test_the_deck_has_a_slide_for_each_cell_the_metadata_starts_one_with(page, language):
    assert page.evaluate("Reveal.getTotalSlides()") == expected_slides(language) == expected_slides("en")
    assert page.evaluate("Reveal.isFirstSlide()")
    assert TITLES[language] in page.inner_text(".reveal .slides section.present")
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("[Reveal.getConfig().width, Reveal.getConfig().height]") == [1024, 768]


def test_the_arrow_keys_walk_through_every_slide_and_back(page, screenshots, language):
    total = expected_slides(language)
    seen, steps = [indices(page)[:2]], 0
    while not page.evaluate("Reveal.isLastSlide() && !Reveal.availableFragments().next") and steps < 3 * total:
        before = indices(page)
        page.keyboard.press("ArrowRight")
        steps += 1
        assert indices(page) != before, f"ArrowRight did nothing at {before}"
        if indices(page)[:2] != seen[-1]:
            seen.append(indices(page)[:2])
    assert len(seen) == total == len(set(seen)), seen
    page.screenshot(path=str(screenshots / f"slides-{language}-last.png"))
    while indices(page)[:2] == seen[-1] and steps < 4 * total:  # a fragment on the slide steps back first
        before = indices(page)
        page.keyboard.press("ArrowLeft")
        steps += 1
        assert indices(page) != before, f"ArrowLeft did nothing at {before}"
    assert indices(page)[:2] == seen[-2]
    page.evaluate("Reveal.slide(0, 0)")


def test_every_picture_loads_and_a_widget_snapshot_shows(page, screenshots, language):
    pictures = page.evaluate("""async () => {
        const images = [...document.querySelectorAll('.reveal img')];
        await Promise.all(images.map((image) => image.decode().catch(() => null)));
        return images.map((image) => ({alt: image.alt, width: image.naturalWidth, cls: image.className}));
    }""")
    assert pictures and all(picture["width"] > 0 for picture in pictures), \
        [picture["alt"] for picture in pictures if not picture["width"]]
    assert sum(picture["cls"] == "snapshot" for picture in pictures) == expected_widgets(language)
    where = page.evaluate("""() => Reveal.getIndices(document.querySelector('section[data-widgets] img.snapshot')
        .closest('section'))""")
    page.evaluate(f"Reveal.slide({where['h']}, {where['v'] or 0}, 0)")
    page.wait_for_timeout(300)
    snapshot = page.locator(".reveal .slides section.present img.snapshot")
    assert snapshot.is_visible()
    box = snapshot.bounding_box()
    assert box["width"] > 300 and box["height"] > 150, box
    page.screenshot(path=str(screenshots / f"slides-{language}-widget-snapshot.png"))
    page.evaluate("Reveal.slide(0, 0)")


def test_no_slide_runs_off_its_bottom(page):
    overflowing = page.evaluate("""() => Reveal.getSlides().filter((slide) => !slide.classList.contains('stack'))
        .map((slide) => {
            const [h, v] = [Reveal.getIndices(slide).h, Reveal.getIndices(slide).v || 0];
            Reveal.slide(h, v, 99);
            const bottom = slide.getBoundingClientRect().bottom + 1;
            const last = Math.max(...[...slide.children].filter((child) => child.tagName !== 'ASIDE')
                .map((child) => child.getBoundingClientRect().bottom));
            return last > bottom ? `${slide.dataset.notebook} cells ${slide.dataset.cells}` : null;
        }).filter(Boolean)""")
    page.evaluate("Reveal.slide(0, 0)")
    assert overflowing == []


FIT = """() => Reveal.getSlides().filter((slide) => !slide.classList.contains('stack')).map((slide) => {
    const {h, v} = Reveal.getIndices(slide);
    Reveal.slide(h, v || 0, -1);
    const box = slide.getBoundingClientRect();
    const pres = [...slide.querySelectorAll('pre')];
    return {where: `${slide.dataset.notebook} cells ${slide.dataset.cells}`,
            cut: pres.filter((pre) => pre.scrollWidth > pre.clientWidth + 1
                                      || pre.getBoundingClientRect().right > box.right + 1).length,
            code: pres.map((pre) => parseFloat(getComputedStyle(pre).fontSize) * Reveal.getScale()),
            lowest: Math.max(0, ...[...slide.children].filter((child) => child.tagName !== 'ASIDE')
                .map((child) => child.getBoundingClientRect().bottom)) - box.bottom};
})"""


def test_no_code_or_output_is_cut_off_on_the_right_and_code_is_big_enough(page):
    slides = page.evaluate(FIT)
    page.evaluate("Reveal.slide(0, 0)")
    assert [slide["where"] for slide in slides if slide["cut"]] == []
    assert all(slide["lowest"] <= 1 for slide in slides), [s["where"] for s in slides if s["lowest"] > 1]
    code = [size for slide in slides for size in slide["code"]]
    assert code and min(code) >= 17, min(code)  # outputs at 0.9 of the code's 20 px or more, scaled 0.96
    assert max(code) >= 24, "no slide used the room for a larger code font"


def test_a_wide_screen_gets_a_wide_deck_that_fits_too(page):
    try:
        page.set_viewport_size({"width": 1366, "height": 768})
        page.wait_for_function("() => Reveal.getConfig().width > 1300")
        slides = page.evaluate(FIT)
        assert [slide["where"] for slide in slides if slide["cut"] or slide["lowest"] > 1] == []
    finally:
        page.set_viewport_size(PROJECTOR)
        page.wait_for_function("() => Reveal.getConfig().width === 1024")
        page.evaluate("Reveal.slide(0, 0)")


def test_the_grey_values_figure_fills_the_slide_on_the_next_key_press(page, screenshots, language):
    where = page.evaluate("""() => Reveal.getIndices(document.querySelector(
        'section[data-notebook="01-pixels"] img.figure.zoom').closest('section'))""")
    page.evaluate(f"Reveal.slide({where['h']}, {where['v'] or 0}, -1)")
    figure = page.locator(".reveal .slides section.present img.figure.zoom")
    small = figure.bounding_box()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    assert page.evaluate("Reveal.getIndices()")["h"] == where["h"], "the key press zooms, it does not move on"
    slide = page.locator(".reveal .slides section.present:not(.stack)").bounding_box()
    big = figure.bounding_box()
    assert big["width"] >= 0.95 * slide["width"] and big["height"] >= 0.95 * slide["height"], (big, slide)
    assert big["height"] > 1.8 * small["height"], (small, big)
    page.screenshot(path=str(screenshots / f"slides-{language}-figure-zoomed.png"))
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices()") != where
    page.evaluate("Reveal.slide(0, 0)")


def test_no_request_leaves_the_file_and_nothing_went_wrong(page, deck):
    assert deck.as_uri() in page.requests  # the log works: it saw the page itself
    elsewhere = [url for url in page.requests if url != deck.as_uri() and not url.startswith("data:")]
    assert elsewhere == []
    assert page.console_errors == []

"""The workshop's deck in Chromium: built by ``python3 run.py slides``, opened from a file:// URL, offline.

The deck is built into a temporary folder (widget snapshots come from the
cache in build/slides/snapshots/, drawn there on the first run). The page
may ask for nothing but itself: every request is logged, and one that is not
the file or a data: URI fails the test (the ``context`` fixture also refuses
any http request that leaves the machine). Then: as many slides as the
notebooks' metadata starts (plus the title slide), the arrow keys walk
through every one and back, no console errors, every picture loaded, a
widget's snapshot shows, and no slide's content runs off its bottom.
"""

import json
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
WORKSHOP = ("00", "01", "02", "03", "04")

pytestmark = pytest.mark.browser


def expected_slides(numbers=WORKSHOP) -> int:
    """The title slide, and one per core cell (the workshop takes 00's on-ramp too) whose metadata starts a slide."""
    total = 1
    for number in numbers:
        (path,) = NOTEBOOKS.glob(f"{number}-*.ipynb")
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {})
            if "extension" not in meta.get("tags", []):
                total += meta.get("slideshow", {}).get("slide_type") in ("slide", "subslide")
    return total


@pytest.fixture(scope="module")
def deck(tmp_path_factory, missing):
    out = tmp_path_factory.mktemp("slides") / "workshop.html"
    built = subprocess.run([sys.executable, "scripts/build_slides.py", "--out", str(out)], cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    if built.returncode != 0 and "could not download" in built.stderr:
        missing(f"reveal.js is not in build/npm/ and the npm registry cannot be reached: {built.stderr.strip()}")
    assert built.returncode == 0, built.stderr
    assert "could not be drawn" not in built.stderr, built.stderr
    return out


@pytest.fixture(scope="module")
def page(context, deck):
    page = context.new_page()
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


def test_the_deck_has_a_slide_for_each_cell_the_metadata_starts_one_with(page):
    assert page.evaluate("Reveal.getTotalSlides()") == expected_slides()
    assert page.evaluate("Reveal.isFirstSlide()")
    assert "From pixels to one neuron" in page.inner_text(".reveal .slides section.present")


def test_the_arrow_keys_walk_through_every_slide_and_back(page, screenshots):
    total = expected_slides()
    seen, steps = [indices(page)[:2]], 0
    while not page.evaluate("Reveal.isLastSlide() && !Reveal.availableFragments().next") and steps < 3 * total:
        before = indices(page)
        page.keyboard.press("ArrowRight")
        steps += 1
        assert indices(page) != before, f"ArrowRight did nothing at {before}"
        if indices(page)[:2] != seen[-1]:
            seen.append(indices(page)[:2])
    assert len(seen) == total == len(set(seen)), seen
    page.screenshot(path=str(screenshots / "slides-last.png"))
    while indices(page)[:2] == seen[-1] and steps < 4 * total:  # a fragment on the slide steps back first
        before = indices(page)
        page.keyboard.press("ArrowLeft")
        steps += 1
        assert indices(page) != before, f"ArrowLeft did nothing at {before}"
    assert indices(page)[:2] == seen[-2]
    page.evaluate("Reveal.slide(0, 0)")


def test_every_picture_loads_and_a_widget_snapshot_shows(page, screenshots):
    pictures = page.evaluate("""async () => {
        const images = [...document.querySelectorAll('.reveal img')];
        await Promise.all(images.map((image) => image.decode().catch(() => null)));
        return images.map((image) => ({alt: image.alt, width: image.naturalWidth, cls: image.className}));
    }""")
    assert pictures and all(picture["width"] > 0 for picture in pictures), \
        [picture["alt"] for picture in pictures if not picture["width"]]
    assert sum(picture["cls"] == "snapshot" for picture in pictures) == 5  # one widget per workshop notebook
    where = page.evaluate("""() => Reveal.getIndices(document.querySelector('section[data-widgets] img.snapshot')
        .closest('section'))""")
    page.evaluate(f"Reveal.slide({where['h']}, {where['v'] or 0}, 0)")
    page.wait_for_timeout(300)
    snapshot = page.locator(".reveal .slides section.present img.snapshot")
    assert snapshot.is_visible()
    box = snapshot.bounding_box()
    assert box["width"] > 300 and box["height"] > 150, box
    page.screenshot(path=str(screenshots / "slides-widget-snapshot.png"))
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


def test_no_request_leaves_the_file_and_nothing_went_wrong(page, deck):
    assert deck.as_uri() in page.requests  # the log works: it saw the page itself
    elsewhere = [url for url in page.requests if url != deck.as_uri() and not url.startswith("data:")]
    assert elsewhere == []
    assert page.console_errors == []

// DigitCanvas, the browser side: you draw here; Python gets each stroke when you lift the pen.
//
// Strokes are lists of [x, y] points in canvas units (0-1 across and down), so
// they do not depend on the canvas size or the screen's pixel density. The
// kernel redraws them and prepares the 28×28 image; it sends back `_preview`,
// the image the network sees, shown beside the canvas.

const SIZE = 280; // CSS pixels
const PEN = 20; // pen width in CSS pixels; Python redraws at MNIST's stroke width
const MIN_STEP = 0.006; // ignore pen moves shorter than this (canvas units): keeps messages small

function element(tag, className, parent) {
  const node = document.createElement(tag);
  node.className = className;
  parent.appendChild(node);
  return node;
}

function render({ model, el }) {
  el.classList.add("nnbook-digit-canvas");
  const T = model.get("_texts") || {}; // every word shown, in the notebook's language (from Python)
  const row = element("div", "nnbook-dc-row", el);
  const pad = element("canvas", "nnbook-dc-pad", row);
  pad.setAttribute("role", "img");
  pad.setAttribute("aria-label", T.pad);
  const side = element("div", "nnbook-dc-side", row);
  const preview = element("canvas", "nnbook-dc-preview", side);
  preview.width = 28;
  preview.height = 28;
  preview.setAttribute("role", "img");
  preview.setAttribute("aria-label", T.preview);
  element("div", "nnbook-dc-caption", side).textContent = T.caption;
  const clear = element("button", "nnbook-dc-clear", side);
  clear.type = "button";
  clear.textContent = T.clear;
  const hint = element("div", "nnbook-dc-hint", el);
  hint.textContent = T.hint;

  const ratio = window.devicePixelRatio || 1;
  pad.width = Math.round(SIZE * ratio);
  pad.height = Math.round(SIZE * ratio);
  const ink = pad.getContext("2d");
  ink.scale(pad.width, pad.height); // draw in canvas units, 0-1
  ink.lineCap = "round";
  ink.lineJoin = "round";
  ink.lineWidth = PEN / SIZE;
  ink.strokeStyle = "white";
  ink.fillStyle = "white";

  function drawStroke(points) {
    ink.beginPath();
    if (points.length === 1) {
      ink.arc(points[0][0], points[0][1], PEN / SIZE / 2, 0, 2 * Math.PI);
      ink.fill();
      return;
    }
    ink.moveTo(points[0][0], points[0][1]);
    for (const [x, y] of points.slice(1)) ink.lineTo(x, y);
    ink.stroke();
  }

  function redraw() {
    ink.fillStyle = "black";
    ink.fillRect(0, 0, 1, 1);
    ink.fillStyle = "white";
    const strokes = model.get("strokes") || [];
    for (const points of strokes) if (points.length) drawStroke(points);
    el.dataset.strokes = String(strokes.length);
  }

  function showPreview() {
    const grey = model.get("_preview") || [];
    const picture = preview.getContext("2d").createImageData(28, 28);
    for (let i = 0; i < 28 * 28; i++) {
      const value = grey[i] || 0;
      picture.data.set([value, value, value, 255], 4 * i);
    }
    preview.getContext("2d").putImageData(picture, 0, 0);
    el.dataset.inkSum = String(grey.reduce((sum, value) => sum + value, 0));
  }

  // The stroke being drawn: points since the pen went down, or null.
  let current = null;

  function pointAt(event) {
    const box = pad.getBoundingClientRect();
    const clamp = (v) => Math.min(1, Math.max(0, v));
    const round = (v) => Math.round(v * 10000) / 10000;
    return [round(clamp((event.clientX - box.left) / box.width)), round(clamp((event.clientY - box.top) / box.height))];
  }

  function extend(event) {
    const last = current[current.length - 1];
    const point = pointAt(event);
    if (Math.hypot(point[0] - last[0], point[1] - last[1]) < MIN_STEP) return;
    ink.beginPath();
    ink.moveTo(last[0], last[1]);
    ink.lineTo(point[0], point[1]);
    ink.stroke();
    current.push(point);
  }

  pad.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    event.preventDefault();
    pad.setPointerCapture(event.pointerId);
    current = [pointAt(event)];
    drawStroke(current);
  });
  pad.addEventListener("pointermove", (event) => {
    if (current === null) return;
    event.preventDefault();
    // Coalesced events hold the in-between positions a fast pen passed through.
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    for (const each of events.length ? events : [event]) extend(each);
  });
  function finish() {
    if (current === null) return;
    const stroke = current;
    current = null;
    // Once per stroke, never per move: the kernel redraws and prepares the image.
    model.set("strokes", [...(model.get("strokes") || []), stroke]);
    model.save_changes();
  }
  pad.addEventListener("pointerup", finish);
  pad.addEventListener("pointercancel", finish);
  pad.addEventListener("lostpointercapture", finish);

  clear.addEventListener("click", () => {
    current = null;
    model.set("strokes", []);
    model.save_changes();
    redraw();
  });

  model.on("change:strokes", redraw);
  model.on("change:_preview", showPreview);
  redraw();
  showPreview();
  return () => {
    model.off("change:strokes", redraw);
    model.off("change:_preview", showPreview);
  };
}

export default { render };

// LayerMap, the browser side: it draws the dots Python sends and tells Python which layer or dot you chose.
//
// Python works out every number: `_scene` holds what never changes (the
// digits' labels, the colours, the scores of every layer), `_view` the
// layer shown (each map's dots as 32-bit floats, as bytes) and `_picked` the
// picked digit. A button, a key or a click only sets `layer` or `_pick`; the
// picture changes when Python's answer arrives, so what you see is always
// what Python computed, and a saved notebook shows its last layer.

const MAP = 340; // CSS pixels, each map is a square
const MARGIN = 14; // CSS pixels between the outermost dot and the map's edge
const DOT = 2.3; // a dot's radius, CSS pixels
const BADGE = 9; // a digit badge's radius, CSS pixels
const PICK_RADIUS = 10; // a click this close to a dot picks it, CSS pixels
const GLIDE_MS = 600; // how long the dots take to glide to a new layer
const PICTURE = 112; // CSS pixels for the picked digit's 28×28 image
const STATIC_AFTER_MS = 2000; // no kernel answered by then: a saved notebook, say so

function element(tag, className, parent, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

// Bytes from the widget manager arrive as a DataView, an ArrayBuffer or a typed array, at any offset.
function bytesOf(value) {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(0);
}

function float32s(value) {
  return new Float32Array(bytesOf(value).slice().buffer); // a copy: Float32Array needs an offset divisible by 4
}

// Black or white text, whichever reads better on this colour.
function textOn(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#000" : "#fff";
}

const reducedMotion = () => window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
const ease = (t) => (t < 0.5 ? 2 * t * t : 1 - 2 * (1 - t) * (1 - t));

// A text from Python (in the notebook's language) with its {name} slots filled in.
const say = (template, values) => template.replace(/\{(\w+)\}/g, (slot, name) => (name in values ? String(values[name]) : slot));

function render({ model, el }) {
  el.classList.add("nnbook-layer-map");
  const T = (model.get("_scene") || {}).texts || {}; // every word shown, in the notebook's language (from Python)
  el.tabIndex = 0;
  el.setAttribute("role", "group");
  el.setAttribute("aria-label", T.group);
  // JupyterLab's own shortcuts (arrows move between cells) must not take the keys meant for the map.
  el.dataset.lmSuppressShortcuts = "true";
  el.dataset.pSuppressShortcuts = "true";

  const heading = element("div", "nnbook-lm-heading", el);
  heading.setAttribute("aria-live", "polite");
  const explain = element("div", "nnbook-lm-explain", el);
  const buttons = element("div", "nnbook-lm-buttons", el);
  element("span", "nnbook-lm-buttons-label", buttons, T.show);
  const body = element("div", "nnbook-lm-body", el);
  const side = element("div", "nnbook-lm-side", body);
  const picture = element("canvas", "nnbook-lm-picture", side);
  picture.width = 28;
  picture.height = 28;
  picture.setAttribute("role", "img");
  picture.setAttribute("aria-label", T.picked_image);
  const pickedText = element("div", "nnbook-lm-picked", side);
  pickedText.setAttribute("aria-live", "polite");
  const chooser = element("label", "nnbook-lm-chooser", side, `${T.chooser} `);
  const number = element("input", "nnbook-lm-number", chooser);
  number.type = "number";
  number.min = "0";
  const legend = element("div", "nnbook-lm-legend", el);
  legend.setAttribute("aria-label", T.legend);
  const caption = element("div", "nnbook-lm-caption", el);
  caption.setAttribute("aria-live", "polite");
  const table = element("table", "nnbook-lm-table", el);
  const summary = element("div", "nnbook-lm-summary", el);
  element("div", "nnbook-lm-hint", el, T.hint);
  const note = element("div", "nnbook-lm-static", el, T.saved);
  note.hidden = true;

  const maps = []; // one per network: {box, canvas, title, note, from, to, shown}
  let layerButtons = [];
  let builtFor = null;
  let glide = null; // the running animation frame, if any

  const scene = () => model.get("_scene") || {};
  const view = () => model.get("_view") || {};

  // ---- asking Python -------------------------------------------------------------------------

  function goTo(layer) {
    const last = (scene().layers || []).length - 1;
    model.set("layer", Math.min(last, Math.max(0, layer)));
    model.save_changes();
  }

  function pick(index) {
    const count = scene().count || 0;
    if (!Number.isInteger(index) || index < 0 || index >= count) return;
    model.set("_pick", index);
    model.save_changes();
  }

  // ---- the parts that never change ------------------------------------------------------------

  function build() {
    const s = scene();
    if (!s.layers || builtFor === s) return;
    builtFor = s;
    explain.textContent = s.explain;
    number.max = String(s.count - 1);
    buttons.querySelectorAll("button").forEach((button) => button.remove());
    layerButtons = s.layers.map((name, layer) => {
      const button = element("button", "nnbook-lm-layer", buttons, name);
      button.type = "button";
      button.dataset.layer = String(layer);
      button.addEventListener("click", () => goTo(layer));
      return button;
    });
    legend.replaceChildren();
    element("span", "nnbook-lm-legend-label", legend, T.digit);
    s.colours.forEach((colour, digit) => {
      const key = element("span", "nnbook-lm-key", legend, String(digit));
      key.style.background = colour;
      key.style.color = textOn(colour);
    });
    for (const map of maps) map.box.remove();
    maps.length = 0;
    const ratio = window.devicePixelRatio || 1;
    s.names.forEach((name) => {
      const box = element("figure", "nnbook-lm-map", null);
      body.insertBefore(box, side);
      const title = element("figcaption", "nnbook-lm-map-title", box);
      const canvas = element("canvas", "nnbook-lm-canvas", box);
      canvas.width = Math.round(MAP * ratio);
      canvas.height = Math.round(MAP * ratio);
      canvas.setAttribute("role", "img");
      canvas.dataset.network = name;
      const noteLine = element("div", "nnbook-lm-map-note", box);
      const map = { box, canvas, title, note: noteLine, from: null, to: null, shown: null, centres: [] };
      canvas.addEventListener("click", (event) => clicked(map, event));
      maps.push(map);
    });
    drawTable();
    summary.textContent = s.summary;
  }

  function drawTable() {
    const s = scene();
    const v = view();
    table.replaceChildren();
    const head = element("tr", "", table);
    element("th", "", head, T.nearest);
    s.layers.forEach((name, layer) => {
      const cell = element("th", layer === v.layer ? "nnbook-lm-current" : "", head, name);
      cell.dataset.layer = String(layer);
    });
    s.names.forEach((name, i) => {
      const row = element("tr", "", table);
      element("th", "", row, s.network_names[i]);
      s.scores[i].forEach((score, layer) => element("td", layer === v.layer ? "nnbook-lm-current" : "", row,
        `${score}%`));
    });
  }

  // ---- one map ---------------------------------------------------------------------------------

  // From the map's numbers to CSS pixels: Python's square (`middle`, `half`) fills the canvas, the same
  // scale across and up, and up is up.
  function projector(data) {
    const scale = (MAP / 2 - MARGIN) / data.half;
    const [mx, my] = data.middle;
    return (x, y) => [MAP / 2 + (x - mx) * scale, MAP / 2 - (y - my) * scale];
  }

  function toScreen(points, project) {
    const screen = new Float32Array(points.length);
    for (let i = 0; i < points.length; i += 2) {
      const [x, y] = project(points[i], points[i + 1]);
      screen[i] = x;
      screen[i + 1] = y;
    }
    return screen;
  }

  function paint(map) {
    const [positions, badges, [ox, oy]] = [map.shown, map.badges, map.origin];
    const s = scene();
    const labels = bytesOf(s.labels);
    const ratio = map.canvas.width / MAP;
    const ink = map.canvas.getContext("2d");
    ink.setTransform(ratio, 0, 0, ratio, 0, 0);
    ink.clearRect(0, 0, MAP, MAP);
    ink.fillStyle = "#fff";
    ink.fillRect(0, 0, MAP, MAP);
    // Two faint lines through the average digit, (0, 0) of the PCA.
    ink.strokeStyle = "#ddd";
    ink.lineWidth = 1;
    ink.beginPath();
    ink.moveTo(ox, 0);
    ink.lineTo(ox, MAP);
    ink.moveTo(0, oy);
    ink.lineTo(MAP, oy);
    ink.stroke();
    ink.globalAlpha = 0.8;
    for (let i = 0; i < labels.length; i++) {
      ink.fillStyle = s.colours[labels[i]];
      ink.beginPath();
      ink.arc(positions[2 * i], positions[2 * i + 1], DOT, 0, 2 * Math.PI);
      ink.fill();
    }
    ink.globalAlpha = 1;
    ink.font = `bold 12px ${getComputedStyle(el).fontFamily || "sans-serif"}`;
    ink.textAlign = "center";
    ink.textBaseline = "middle";
    badges.forEach(([x, y], digit) => {
      ink.beginPath();
      ink.arc(x, y, BADGE, 0, 2 * Math.PI);
      ink.fillStyle = s.colours[digit];
      ink.fill();
      ink.lineWidth = 1.5;
      ink.strokeStyle = "#222";
      ink.stroke();
      ink.fillStyle = textOn(s.colours[digit]);
      ink.fillText(String(digit), x, y + 0.5);
    });
    const picked = (model.get("_picked") || {}).index;
    if (picked !== undefined) {
      const [x, y] = [positions[2 * picked], positions[2 * picked + 1]];
      for (const [colour, width, radius] of [["#fff", 5, 8], ["#000", 2.5, 8]]) {
        ink.beginPath();
        ink.arc(x, y, radius, 0, 2 * Math.PI);
        ink.strokeStyle = colour;
        ink.lineWidth = width;
        ink.stroke();
      }
    }
  }

  function between(from, to, t) {
    const out = new Float32Array(to.length);
    for (let i = 0; i < to.length; i++) out[i] = from[i] + (to[i] - from[i]) * t;
    return out;
  }

  // Glide every map's dots (and badges) from where they are to where this layer puts them.
  function moveTo(v) {
    if (glide !== null) cancelAnimationFrame(glide);
    v.maps.forEach((data, i) => {
      const map = maps[i];
      const project = projector(data);
      map.from = map.shown;
      map.to = toScreen(float32s(data.points), project);
      map.fromBadges = map.badges;
      map.toBadges = data.centres.map(([x, y]) => project(x, y));
      map.fromOrigin = map.origin;
      map.toOrigin = project(0, 0);
    });
    const start = performance.now();
    const still = reducedMotion() || maps.some((map) => map.from === null || map.from.length !== map.to.length);
    el.dataset.moving = "true";
    function frame(now) {
      const t = still ? 1 : Math.min(1, (now - start) / GLIDE_MS);
      for (const map of maps) {
        map.shown = t >= 1 ? map.to : between(map.from, map.to, ease(t));
        const glideTo = ([x, y], [fx, fy]) => [fx + (x - fx) * ease(t), fy + (y - fy) * ease(t)];
        map.badges = t >= 1 ? map.toBadges : map.toBadges.map((to, d) => glideTo(to, map.fromBadges[d]));
        map.origin = t >= 1 ? map.toOrigin : glideTo(map.toOrigin, map.fromOrigin);
        paint(map);
      }
      if (t < 1) {
        glide = requestAnimationFrame(frame);
      } else {
        glide = null;
        el.dataset.moving = "false";
        el.dataset.drawnLayer = String(v.layer);
      }
    }
    frame(start);
  }

  function clicked(map, event) {
    if (map.to === null) return;
    const box = map.canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * MAP;
    const y = ((event.clientY - box.top) / box.height) * MAP;
    let best = -1;
    let bestDistance = PICK_RADIUS * PICK_RADIUS;
    for (let i = 0; i < map.to.length / 2; i++) {
      const d = (map.to[2 * i] - x) ** 2 + (map.to[2 * i + 1] - y) ** 2;
      if (d < bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    if (best >= 0) pick(best);
  }

  // ---- what Python sent --------------------------------------------------------------------------

  function showView() {
    build();
    const v = view();
    if (!v.maps || !maps.length) return;
    el.dataset.layer = String(v.layer);
    heading.textContent = v.heading;
    caption.textContent = v.caption;
    v.maps.forEach((data, i) => {
      maps[i].title.textContent = data.title;
      maps[i].note.textContent = data.note;
      maps[i].canvas.setAttribute("aria-label", say(T.map_label, { title: data.title, note: data.note }));
    });
    layerButtons.forEach((button, layer) => {
      button.setAttribute("aria-pressed", String(layer === v.layer));
      button.classList.toggle("nnbook-lm-active", layer === v.layer);
    });
    drawTable();
    moveTo(v);
  }

  function showPicked() {
    const p = model.get("_picked") || {};
    const ink = picture.getContext("2d");
    if (p.index === undefined) {
      ink.fillStyle = "#000";
      ink.fillRect(0, 0, 28, 28);
      pickedText.textContent = T.nothing_picked;
      delete el.dataset.picked;
    } else {
      const grey = bytesOf(p.image);
      const pixels = ink.createImageData(28, 28);
      for (let i = 0; i < 28 * 28; i++) pixels.data.set([grey[i], grey[i], grey[i], 255], 4 * i);
      ink.putImageData(pixels, 0, 0);
      pickedText.textContent = p.text;
      el.dataset.picked = String(p.index);
      if (document.activeElement !== number) number.value = String(p.index);
    }
    for (const map of maps) if (map.shown) paint(map);
  }

  const pickTyped = () => {
    if (number.value.trim() !== "") pick(Number(number.value));
  };
  number.addEventListener("change", pickTyped);
  number.addEventListener("keydown", (event) => {
    if (event.key === "Enter") pickTyped();
    event.stopPropagation(); // the digits and arrows typed here are not JupyterLab's shortcuts
  });
  el.addEventListener("keydown", (event) => {
    if (event.target === number) return; // the number box's own arrows change the number
    const step = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    goTo(Number(model.get("layer")) + step);
  });

  // ---- a kernel to talk to? ---------------------------------------------------------------------

  let alive = false;
  function onMessage(message) {
    if (message && message.type === "alive") {
      alive = true;
      note.hidden = true;
      el.dataset.live = "true";
    }
  }
  model.on("msg:custom", onMessage);
  try {
    model.send({ type: "hello" });
  } catch (error) {
    // no kernel at all: the timer below shows the note
  }
  const waitForKernel = setTimeout(() => {
    if (!alive) {
      note.hidden = false;
      el.dataset.live = "false";
    }
  }, STATIC_AFTER_MS);

  model.on("change:_scene", showView);
  model.on("change:_view", showView);
  model.on("change:_picked", showPicked);
  showView();
  showPicked();
  return () => {
    if (glide !== null) cancelAnimationFrame(glide);
    clearTimeout(waitForKernel);
    model.off("msg:custom", onMessage);
    model.off("change:_scene", showView);
    model.off("change:_view", showView);
    model.off("change:_picked", showPicked);
  };
}

export default { render };

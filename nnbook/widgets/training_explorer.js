// TrainingExplorer, the browser side: the buttons, and the pictures drawn from the numbers the kernel sends.
//
// The kernel trains and, for every frame, sends the first layer's weights as one
// byte per weight (an index into the RdBu colours it sent once), the curves as
// float32 numbers (epoch, cost, test accuracy) and a few readouts. Drawing them
// here costs the kernel nothing, so it can spend its time training.

const RATES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 20, 50, 100];
const BATCH_SIZES = [1, 10, 32, 100, 1000];
const SIDE = 28;
const GAP = 1;
const WEIGHTS_WIDTH = 280; // CSS pixels for the grid of weight pictures
const CHART = { width: 330, height: 150, left: 46, right: 10, top: 10, bottom: 30 };
const COST_COLOUR = "#333333";
const ACCURACY_COLOUR = "#0072B2";
const HIGHLIGHT = "#E69F00"; // nnbook.figures.HIGHLIGHT
const STATIC_AFTER_MS = 2000; // no kernel answered by then: a saved notebook, say so

function element(tag, className, parent, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function nearest(stops, value) {
  let best = 0;
  for (let i = 1; i < stops.length; i++) {
    if (Math.abs(Math.log(stops[i] / value)) < Math.abs(Math.log(stops[best] / value))) best = i;
  }
  return best;
}

// A text from Python (`_texts`, in the notebook's language) with its {name} slots filled in.
const say = (template, values) => template.replace(/\{(\w+)\}/g, (slot, name) => (name in values ? String(values[name]) : slot));

function speedText(speed, T) {
  if (speed === null || speed === undefined) return T.full_speed;
  if (speed === 1) return T.one_per_second;
  return say(T.per_second, { speed });
}

function percent(x) {
  return `${(100 * x).toFixed(1)}%`;
}

function bytesOf(value) {
  // anywidget hands binary traits over as a DataView.
  if (!value) return new Uint8Array(0);
  if (value instanceof DataView) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(value.buffer || value);
}

function floatsOf(value) {
  const bytes = bytesOf(value);
  const copy = new Uint8Array(bytes); // aligned for Float32Array
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
}

function niceStep(range, count) {
  const raw = range / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function tickText(value, step) {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return value.toFixed(decimals);
}

function render({ model, el }) {
  el.classList.add("nnbook-training-explorer");
  const T = model.get("_texts") || {}; // every word shown, in the notebook's language (from Python)
  const font = getComputedStyle(el).fontFamily || "sans-serif";

  // --- the controls ---
  const buttons = element("div", "nnbook-te-buttons", el);
  const play = element("button", "nnbook-te-play", buttons);
  const stepButton = element("button", "nnbook-te-step", buttons, T.step);
  const epochButton = element("button", "nnbook-te-epoch", buttons, T.epoch);
  const resetButton = element("button", "nnbook-te-reset", buttons, T.reset);
  for (const b of [play, stepButton, epochButton, resetButton]) b.type = "button";
  stepButton.title = T.step_title;
  epochButton.title = T.epoch_title;
  resetButton.title = T.reset_title;

  const settings = element("div", "nnbook-te-settings", el);
  function setting(labelText, input, readout) {
    const label = element("label", "nnbook-te-setting", settings);
    element("span", "nnbook-te-label", label, labelText);
    label.appendChild(input);
    if (readout) label.appendChild(readout);
    return label;
  }
  const speeds = model.get("_speeds") || [null];
  const speed = element("input", "nnbook-te-speed");
  speed.type = "range";
  speed.min = "0";
  speed.max = String(speeds.length - 1);
  speed.step = "1";
  const speedOut = element("output", "nnbook-te-readout");
  setting(T.speed, speed, speedOut);

  const rate = element("input", "nnbook-te-rate");
  rate.type = "range";
  rate.min = "0";
  rate.max = String(RATES.length - 1);
  rate.step = "1";
  const rateOut = element("output", "nnbook-te-readout");
  setting(T.learning_rate, rate, rateOut);

  const batch = element("select", "nnbook-te-batch");
  setting(T.batch_size, batch);
  const activation = element("select", "nnbook-te-activation");
  for (const [value, text] of [["sigmoid", T.sigmoid], ["relu", "ReLU"]]) {
    const option = element("option", "", activation, text);
    option.value = value;
  }
  setting(T.activation, activation);
  element("div", "nnbook-te-note", el, T.note);

  // --- the pictures ---
  const main = element("div", "nnbook-te-main", el);
  const left = element("div", "nnbook-te-panel", main);
  const weightsTitle = element("div", "nnbook-te-title", left);
  const weights = element("canvas", "nnbook-te-weights", left);
  weights.setAttribute("role", "img");
  const legend = element("div", "nnbook-te-legend", left);
  const right = element("div", "nnbook-te-panel", main);
  const costTitle = element("div", "nnbook-te-title", right);
  const costChart = element("canvas", "nnbook-te-chart nnbook-te-cost-chart", right);
  const accuracyTitle = element("div", "nnbook-te-title", right);
  const accuracyChart = element("canvas", "nnbook-te-chart nnbook-te-accuracy-chart", right);
  costChart.setAttribute("role", "img");
  accuracyChart.setAttribute("role", "img");

  const status = element("div", "nnbook-te-status", el);
  const progress = element("span", "nnbook-te-progress", status);
  const cost = element("span", "nnbook-te-cost", status);
  const accuracy = element("span", "nnbook-te-accuracy", status);
  const error = element("div", "nnbook-te-error", el);
  error.setAttribute("role", "alert");
  const note = element("div", "nnbook-te-static", el, T.saved);
  note.hidden = true;

  // --- from the browser to the kernel ---
  play.addEventListener("click", () => {
    model.set("playing", !model.get("playing"));
    model.save_changes();
  });
  stepButton.addEventListener("click", () => model.send({ action: "step_batch" }));
  epochButton.addEventListener("click", () => model.send({ action: "step_epoch" }));
  resetButton.addEventListener("click", () => model.send({ action: "reset" }));
  speed.addEventListener("input", () => {
    speedOut.textContent = speedText(speeds[Number(speed.value)], T);
  });
  speed.addEventListener("change", () => {
    model.set("speed", speeds[Number(speed.value)]);
    model.save_changes();
  });
  rate.addEventListener("input", () => {
    rateOut.textContent = String(RATES[Number(rate.value)]);
  });
  rate.addEventListener("change", () => {
    model.set("learning_rate", RATES[Number(rate.value)]);
    model.save_changes();
  });
  batch.addEventListener("change", () => {
    model.set("batch_size", Number(batch.value));
    model.save_changes();
  });
  activation.addEventListener("change", () => {
    model.set("activation", activation.value);
    model.save_changes();
  });

  // --- from the kernel to the page ---
  function showSettings() {
    const playing = model.get("playing");
    play.textContent = playing ? T.pause : T.play;
    play.setAttribute("aria-pressed", String(playing));
    el.dataset.playing = String(playing);
    let index = speeds.indexOf(model.get("speed"));
    if (index < 0) index = nearest(speeds.filter((s) => s !== null), model.get("speed"));
    speed.value = String(index);
    speedOut.textContent = speedText(model.get("speed"), T);
    const learningRate = model.get("learning_rate");
    rate.value = String(nearest(RATES, learningRate));
    rateOut.textContent = String(learningRate);
    const size = model.get("batch_size");
    batch.textContent = "";
    for (const value of [...new Set([...BATCH_SIZES, size])].sort((a, b) => a - b)) {
      const option = element("option", "", batch, String(value));
      option.value = String(value);
    }
    batch.value = String(size);
    activation.value = model.get("activation");
  }

  function drawWeights() {
    const readout = model.get("_readout") || {};
    const indices = bytesOf(model.get("_weights"));
    const palette = bytesOf(model.get("_palette"));
    const n = Math.floor(indices.length / (SIDE * SIDE));
    const columns = Math.max(1, Math.ceil(Math.sqrt(n)));
    const rows = Math.max(1, Math.ceil(n / columns));
    weights.width = columns * (SIDE + GAP) + GAP;
    weights.height = rows * (SIDE + GAP) + GAP;
    weights.style.width = `${WEIGHTS_WIDTH}px`;
    weights.style.height = `${Math.round((WEIGHTS_WIDTH * weights.height) / weights.width)}px`;
    const ink = weights.getContext("2d");
    const picture = ink.createImageData(weights.width, weights.height);
    for (let p = 0; p < picture.data.length; p += 4) picture.data.set([190, 190, 190, 255], p); // the gaps
    for (let k = 0; k < n; k++) {
      const x0 = GAP + (k % columns) * (SIDE + GAP);
      const y0 = GAP + Math.floor(k / columns) * (SIDE + GAP);
      for (let r = 0; r < SIDE; r++) {
        for (let c = 0; c < SIDE; c++) {
          const colour = 3 * indices[k * SIDE * SIDE + r * SIDE + c];
          const at = 4 * ((y0 + r) * weights.width + x0 + c);
          picture.data[at] = palette[colour];
          picture.data[at + 1] = palette[colour + 1];
          picture.data[at + 2] = palette[colour + 2];
        }
      }
    }
    ink.putImageData(picture, 0, 0);
    const limit = readout.limit || 1;
    weightsTitle.textContent = say(T.weights_title, { n });
    legend.textContent = say(T.weights_legend, { limit: limit.toPrecision(2) });
    weights.setAttribute("aria-label", say(T.weights_label, { n }));
  }

  function chart(canvas, points, yMax, yFormat, colour, xMax) {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(CHART.width * ratio);
    canvas.height = Math.round(CHART.height * ratio);
    canvas.style.width = `${CHART.width}px`;
    canvas.style.height = `${CHART.height}px`;
    const ink = canvas.getContext("2d");
    ink.setTransform(ratio, 0, 0, ratio, 0, 0);
    ink.clearRect(0, 0, CHART.width, CHART.height);
    const w = CHART.width - CHART.left - CHART.right;
    const h = CHART.height - CHART.top - CHART.bottom;
    const X = (x) => CHART.left + (w * x) / xMax;
    const Y = (y) => CHART.top + h - (h * Math.min(y, yMax)) / yMax;
    ink.font = `11px ${font}`;
    ink.fillStyle = "#555";
    ink.strokeStyle = "#ccc";
    ink.lineWidth = 1;
    const yStep = niceStep(yMax, 4);
    ink.textAlign = "right";
    ink.textBaseline = "middle";
    for (let y = 0; y <= yMax + 1e-9; y += yStep) {
      ink.beginPath();
      ink.moveTo(CHART.left, Y(y));
      ink.lineTo(CHART.left + w, Y(y));
      ink.stroke();
      ink.fillText(yFormat(y, yStep), CHART.left - 4, Y(y));
    }
    const xStep = niceStep(xMax, 5);
    ink.textAlign = "center";
    ink.textBaseline = "top";
    for (let x = 0; x <= xMax + 1e-9; x += xStep) ink.fillText(tickText(x, xStep), X(x), CHART.top + h + 4);
    ink.fillText(T.epochs, CHART.left + w / 2, CHART.top + h + 16);
    ink.strokeStyle = "#888";
    ink.beginPath();
    ink.moveTo(CHART.left, CHART.top);
    ink.lineTo(CHART.left, CHART.top + h);
    ink.lineTo(CHART.left + w, CHART.top + h);
    ink.stroke();
    if (!points.length) return;
    ink.strokeStyle = colour;
    ink.lineWidth = 1.8;
    ink.beginPath();
    points.forEach(([x, y], i) => (i ? ink.lineTo(X(x), Y(y)) : ink.moveTo(X(x), Y(y))));
    ink.stroke();
    const [x, y] = points[points.length - 1];
    ink.fillStyle = HIGHLIGHT;
    ink.beginPath();
    ink.arc(X(x), Y(y), 3.5, 0, 2 * Math.PI);
    ink.fill();
  }

  function drawCurves() {
    const readout = model.get("_readout") || {};
    const numbers = floatsOf(model.get("_curve"));
    const costs = [];
    const accuracies = [];
    for (let i = 0; i + 2 < numbers.length; i += 3) {
      costs.push([numbers[i], numbers[i + 1]]);
      accuracies.push([numbers[i], numbers[i + 2]]);
    }
    const last = costs.length ? costs[costs.length - 1][0] : 0;
    const xMax = Math.max(1, Math.ceil(last));
    const highest = costs.reduce((m, [, c]) => (Number.isFinite(c) ? Math.max(m, c) : m), 0);
    const images = readout.images_text || "8,000";
    const tests = readout.test_images_text || "2,000";
    costTitle.textContent = say(T.cost_title, { images });
    accuracyTitle.textContent = say(T.accuracy_title, { tests });
    chart(costChart, costs, highest > 0 ? highest * 1.05 : 1, (y, s) => tickText(y, s), COST_COLOUR, xMax);
    chart(accuracyChart, accuracies, 1, (y) => `${Math.round(100 * y)}%`, ACCURACY_COLOUR, xMax);
    costChart.setAttribute("aria-label", say(T.cost_label, { n: costs.length }));
    accuracyChart.setAttribute("aria-label", say(T.accuracy_label, { n: costs.length }));
  }

  function showReadout() {
    const readout = model.get("_readout") || {};
    const steps = readout.steps || 0;
    const perEpoch = readout.steps_per_epoch || 1;
    const epoch = Math.floor(steps / perEpoch);
    const within = steps - epoch * perEpoch;
    const size = model.get("batch_size");
    const stepsText = readout.steps_text || String(steps);
    progress.textContent = say(epoch === 1 ? T.progress_one : T.progress, { steps: stepsText, size, epochs: epoch }) +
      (within ? say(T.within, { within, per_epoch: perEpoch }) : "");
    cost.textContent = readout.cost === null || readout.cost === undefined ? ""
      : say(T.cost, { cost: readout.cost.toFixed(4) });
    const value = readout.test_accuracy;
    accuracy.textContent = value === null || value === undefined ? "" : say(T.accuracy, { accuracy: percent(value) });
    accuracy.dataset.accuracy = value === null || value === undefined ? "" : String(value);
    el.dataset.steps = String(steps);
    if (readout.error) {
      const suggested = readout.suggested;
      error.textContent = "";
      element("div", "nnbook-te-error-message", error, readout.error);
      element("div", "nnbook-te-error-advice", error, say(T.advice, { suggested }));
      error.style.display = "";
    } else {
      error.textContent = "";
      error.style.display = "none";
    }
  }

  function showFrame() {
    drawWeights();
    drawCurves();
    showReadout();
  }

  // Only a running kernel answers the hello; a saved page (a static HTML export) shows the note instead.
  let alive = false;
  function onMessage(content) {
    if (content && content.type === "alive") {
      alive = true;
      note.hidden = true;
      el.dataset.live = "true";
    }
  }

  model.on("change:playing", showSettings);
  model.on("change:speed", showSettings);
  model.on("change:learning_rate", showSettings);
  model.on("change:batch_size", showSettings);
  model.on("change:activation", showSettings);
  model.on("change:_readout", showFrame);
  model.on("msg:custom", onMessage);
  showSettings();
  showFrame();
  try {
    model.send({ type: "hello" });
  } catch (e) {
    // no kernel at all: the timer below shows the note
  }
  const waitForKernel = setTimeout(() => {
    if (!alive) {
      note.hidden = false;
      el.dataset.live = "false";
    }
  }, STATIC_AFTER_MS);
  return () => {
    clearTimeout(waitForKernel);
    for (const name of ["playing", "speed", "learning_rate", "batch_size", "activation"]) {
      model.off(`change:${name}`, showSettings);
    }
    model.off("change:_readout", showFrame);
    model.off("msg:custom", onMessage);
  };
}

export default { render };

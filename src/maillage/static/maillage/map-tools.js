/* What the map offers beyond drawing: group names on the map, keyboard navigation, "fit to screen",
 * full screen, and PNG/SVG images for presentations.
 *
 * map.js calls `MaillageMapTools.attach(root)` once the map is drawn; `root.maillage` is its handle (the
 * sigma renderer, the graph, the reducers that say how each node and tie is drawn right now).
 */
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var EXPORT_WIDTH = 1600;
  var EXPORT_HEIGHT = 1000;
  var EXPORT_LABELS = 15;  // the largest organizations named on an exported image
  var DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  /* --- Group names drawn over the map, where their island sits. --- */

  function islandLabels(root, m) {
    var layer = document.createElement("div");
    layer.className = "map-islands";
    layer.setAttribute("aria-hidden", "true");
    // Under sigma's label and hover layers: an organization's name is never hidden by a group's name.
    var canvases = m.renderer.getCanvases();
    m.renderer.getContainer().insertBefore(layer, canvases.labels || null);
    var items = (m.data.islands || []).map(function (island) {
      var label = document.createElement("span");
      label.textContent = island.label;
      layer.appendChild(label);
      return { island: island, element: label };
    });
    // Sizes are read once: reading them on every frame would make the browser lay the page out each time.
    items.forEach(function (item) { item.width = item.element.offsetWidth; item.height = item.element.offsetHeight; });
    function place() {
      var placed = [];
      var width = m.renderer.getDimensions().width;
      items.forEach(function (item) {
        var centre = m.renderer.graphToViewport({ x: item.island.x, y: item.island.y });
        var rim = m.renderer.graphToViewport({ x: item.island.x, y: item.island.y + item.island.r });
        var radius = Math.abs(rim.y - centre.y);
        var left = Math.max(2, Math.min(width - item.width - 2, centre.x - item.width / 2));
        var box = { left: left, top: Math.max(2, centre.y - radius - item.height - 4) };
        box.right = box.left + item.width;
        box.bottom = box.top + item.height;
        // Too small to carry a name, or over a larger island's name: left out at this zoom.
        var hidden = radius < 18 || placed.some(function (other) {
          return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
        });
        item.element.hidden = hidden;
        if (hidden) return;
        placed.push(box);
        item.element.style.transform = "translate(" + Math.round(box.left) + "px," + Math.round(box.top) + "px)";
      });
    }
    m.renderer.on("afterRender", place);
    place();
  }

  /* --- Keyboard: arrows through the current organization's partners, Enter opens, Escape clears. --- */

  function keyboard(root, m) {
    var canvas = document.getElementById("map-canvas");
    var live = document.getElementById("map-announce");
    canvas.tabIndex = 0;

    function partners(node) {
      var result = [];
      m.graph.forEachEdge(String(node), function (edge, attributes, source, target) {
        if (!m.visibleEdge(Number(edge))) return;
        var other = Number(source) === node ? Number(target) : Number(source);
        if (result.indexOf(other) < 0) result.push(other);
      });
      return result;
    }

    function shown(node) {
      return !m.reduceNode(String(node), m.graph.getNodeAttributes(String(node))).hidden;
    }

    function screen(node) {
      var attributes = m.graph.getNodeAttributes(String(node));
      return m.renderer.graphToViewport({ x: attributes.x, y: attributes.y });
    }

    function announce(node) {
      if (node === null) { live.textContent = m.strings.keyCleared; return; }
      var data = m.data;
      live.textContent = format(m.strings.keyAnnounce, {
        name: data.nodes.label[node], sector: data.sectors[data.nodes.sector[node]].label, partners: partners(node).length,
      });
    }

    // The partner lying most in the arrow's direction on screen.
    function toward(node, direction) {
      var from = screen(node);
      var best = null;
      var bestScore = -Infinity;
      partners(node).forEach(function (other) {
        var to = screen(other);
        var dx = to.x - from.x;
        var dy = to.y - from.y;
        var length = Math.hypot(dx, dy) || 1;
        var score = (dx * direction[0] + dy * direction[1]) / length - length / 1e5;
        if (score > bestScore) { bestScore = score; best = other; }
      });
      return best;
    }

    function mostConnected() {
      var best = null;
      m.data.nodes.degree.forEach(function (degree, node) {
        if (shown(node) && (best === null || degree > m.data.nodes.degree[best])) best = node;
      });
      return best;
    }

    function keepInView(node) {
      var at = screen(node);
      var size = m.renderer.getDimensions();
      if (at.x < 20 || at.y < 20 || at.x > size.width - 20 || at.y > size.height - 20) {
        var display = m.renderer.getNodeDisplayData(String(node));
        m.renderer.getCamera().animate({ x: display.x, y: display.y }, { duration: 250 });
      }
    }

    canvas.addEventListener("keydown", function (event) {
      var current = m.selected();
      if (DIRECTIONS[event.key]) {
        event.preventDefault();
        var next = current === null ? mostConnected() : toward(current, DIRECTIONS[event.key]);
        if (next === null) { live.textContent = m.strings.keyNoPartner; return; }
        m.select(next);
        keepInView(next);
      } else if (event.key === "Enter" && current !== null) {
        event.preventDefault();
        window.location.href = m.data.urls.organization.replace("/0/", "/" + m.data.nodes.id[current] + "/");
      } else if (event.key === "Escape" && current !== null) {
        event.preventDefault();
        m.select(null);
      }
    });
    root.addEventListener("maillage:select", function (event) { announce(event.detail.node); });
  }

  /* --- Images for presentations, drawn from the graph data (not a capture of the WebGL canvas). --- */

  // The map as shapes on a EXPORT_WIDTH × EXPORT_HEIGHT page: ties, organizations, names, legend.
  function scene(m, measure) {
    var data = m.data;
    var shapes = [];
    var nodes = [];
    m.graph.forEachNode(function (key, attributes) {
      var look = m.reduceNode(key, attributes);
      if (!look.hidden) nodes.push({ key: key, x: attributes.x, y: attributes.y, look: look });
    });
    var top = 100;  // room for the title and the top row's group names
    var bottom = EXPORT_HEIGHT - 90;
    var xs = nodes.map(function (n) { return n.x; });
    var ys = nodes.map(function (n) { return n.y; });
    // The groups' discs too, so that every group's name, written above its disc, stays on the page.
    (data.islands || []).forEach(function (island) {
      xs.push(island.x - island.r, island.x + island.r);
      ys.push(island.y - island.r, island.y + island.r);
    });
    var minX = Math.min.apply(null, xs.concat([0]));
    var maxX = Math.max.apply(null, xs.concat([0]));
    var minY = Math.min.apply(null, ys.concat([0]));
    var maxY = Math.max.apply(null, ys.concat([0]));
    var scale = Math.min((EXPORT_WIDTH - 120) / ((maxX - minX) || 1), (bottom - top - 40) / ((maxY - minY) || 1));
    var offsetX = (EXPORT_WIDTH - (maxX - minX) * scale) / 2;
    var offsetY = top + 20 + ((bottom - top - 40) - (maxY - minY) * scale) / 2;
    // Graph y grows upwards, as sigma draws it; the page's y grows downwards.
    var at = function (x, y) { return [offsetX + (x - minX) * scale, offsetY + (maxY - y) * scale]; };
    var where = {};
    nodes.forEach(function (n) { where[n.key] = at(n.x, n.y); });
    m.graph.forEachEdge(function (key, attributes, source, target) {
      if (!where[source] || !where[target]) return;
      var look = m.reduceEdge(key, attributes);
      if (look.hidden) return;
      shapes.push({ t: "line", a: where[source], b: where[target], color: look.color, width: look.size * 0.8,
        dash: look.type === "dashed" });
    });
    nodes.sort(function (a, b) { return a.look.size - b.look.size; });
    nodes.forEach(function (n) {
      shapes.push({ t: "circle", at: where[n.key], r: Math.max(1.5, n.look.size * 0.75), color: n.look.color });
    });
    labels(m, shapes, nodes, where, at, measure);
    shapes.push({ t: "text", at: [40, 44], text: data.scope.title, size: 26, weight: 700, color: "#1f2933" });
    legendShapes(data, shapes, measure);
    return shapes;
  }

  // Group names first, then the largest organizations and the selected one, never over one another.
  function labels(m, shapes, nodes, where, at, measure) {
    var taken = [];
    var free = function (box) {
      return !taken.some(function (o) { return box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]; });
    };
    // `fallback`: where a name that would run off the page's right edge ends instead (left of its node).
    var put = function (text, x, y, size, weight, color, anchor, fallback) {
      var width = measure(text, size, weight);
      if (anchor === "start" && x + width > EXPORT_WIDTH - 10) { anchor = "end"; x = fallback; }
      var left = anchor === "middle" ? x - width / 2 : (anchor === "end" ? x - width : x);
      var box = [left - 3, y - size, left + width + 3, y + 4];
      if (!free(box)) return;
      taken.push(box);
      shapes.push({ t: "text", at: [x, y], text: text, size: size, weight: weight, color: color, anchor: anchor, halo: true });
    };
    (m.data.islands || []).forEach(function (island) {
      var centre = at(island.x, island.y);
      var rim = at(island.x, island.y + island.r);
      put(island.label, centre[0], rim[1] - 8, 17, 700, "#1f2933", "middle");
    });
    var ranked = nodes.slice().sort(function (a, b) { return b.look.size - a.look.size; });
    var chosen = ranked.filter(function (n) { return n.look.highlighted; }).concat(ranked.slice(0, EXPORT_LABELS));
    chosen.forEach(function (n) {
      if (!n.look.label) return;
      var point = where[n.key];
      var gap = n.look.size * 0.75 + 3;
      put(n.look.label, point[0] + gap, point[1] + 4, 12, 400, "#1f2933", "start", point[0] - gap);
    });
  }

  function legendShapes(data, shapes, measure) {
    var x = 40;
    var y = EXPORT_HEIGHT - 40;
    data.families.forEach(function (family, f) {
      var used = data.sectors.some(function (sector) { return sector.family === f; });
      if (!used) return;
      shapes.push({ t: "circle", at: [x + 7, y - 5], r: 7, color: family.color });
      shapes.push({ t: "text", at: [x + 20, y], text: family.label, size: 14, weight: 400, color: "#1f2933" });
      x += 40 + measure(family.label, 14, 400);
    });
  }

  function drawCanvas(shapes) {
    var canvas = document.createElement("canvas");
    canvas.width = EXPORT_WIDTH;
    canvas.height = EXPORT_HEIGHT;
    var context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, EXPORT_WIDTH, EXPORT_HEIGHT);
    shapes.forEach(function (shape) {
      if (shape.t === "line") {
        context.beginPath();
        context.setLineDash(shape.dash ? [5.5, 3.5] : []);
        context.strokeStyle = shape.color;
        context.lineWidth = shape.width;
        context.moveTo(shape.a[0], shape.a[1]);
        context.lineTo(shape.b[0], shape.b[1]);
        context.stroke();
      } else if (shape.t === "circle") {
        context.beginPath();
        context.fillStyle = shape.color;
        context.arc(shape.at[0], shape.at[1], shape.r, 0, 2 * Math.PI);
        context.fill();
      } else {
        context.font = shape.weight + " " + shape.size + "px system-ui, sans-serif";
        context.textAlign = { middle: "center", end: "right" }[shape.anchor] || "left";
        if (shape.halo) {
          context.lineWidth = 4;
          context.strokeStyle = "rgba(255,255,255,0.9)";
          context.strokeText(shape.text, shape.at[0], shape.at[1]);
        }
        context.fillStyle = shape.color;
        context.fillText(shape.text, shape.at[0], shape.at[1]);
      }
    });
    return canvas;
  }

  function drawSvg(shapes) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("xmlns", SVG_NS);
    svg.setAttribute("width", EXPORT_WIDTH);
    svg.setAttribute("height", EXPORT_HEIGHT);
    svg.setAttribute("viewBox", "0 0 " + EXPORT_WIDTH + " " + EXPORT_HEIGHT);
    var add = function (tag, attributes, text) {
      var node = document.createElementNS(SVG_NS, tag);
      Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
      if (text !== undefined) node.textContent = text;
      svg.appendChild(node);
    };
    add("rect", { width: EXPORT_WIDTH, height: EXPORT_HEIGHT, fill: "#ffffff" });
    shapes.forEach(function (s) {
      if (s.t === "line") {
        var line = { x1: s.a[0].toFixed(1), y1: s.a[1].toFixed(1), x2: s.b[0].toFixed(1), y2: s.b[1].toFixed(1),
          stroke: s.color, "stroke-width": s.width.toFixed(2) };
        if (s.dash) line["stroke-dasharray"] = "5.5 3.5";
        add("line", line);
      } else if (s.t === "circle") {
        add("circle", { cx: s.at[0].toFixed(1), cy: s.at[1].toFixed(1), r: s.r.toFixed(1), fill: s.color });
      } else {
        var text = { x: s.at[0].toFixed(1), y: s.at[1].toFixed(1), "font-family": "system-ui, sans-serif",
          "font-size": s.size, "font-weight": s.weight, fill: s.color, "text-anchor": s.anchor || "start" };
        if (s.halo) { text.stroke = "#ffffff"; text["stroke-width"] = 4; text["paint-order"] = "stroke"; }
        add("text", text, s.text);
      }
    });
    return new XMLSerializer().serializeToString(svg);
  }

  function measurer() {
    var context = document.createElement("canvas").getContext("2d");
    return function (text, size, weight) {
      context.font = weight + " " + size + "px system-ui, sans-serif";
      return context.measureText(text).width;
    };
  }

  function download(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function fileName(m, extension) {
    var title = (m.data.scope.title || "map").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return (m.strings.exportName + "-" + title).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") + "." + extension;
  }

  /* --- Buttons. --- */

  function buttons(root, m) {
    var camera = m.renderer.getCamera();
    var on = function (id, handler) {
      var button = document.getElementById(id);
      if (button) { button.hidden = false; button.addEventListener("click", handler); }
    };
    on("map-fit", function () { camera.animatedReset({ duration: 300 }); });
    on("map-fullscreen", function () {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (root.requestFullscreen) root.requestFullscreen();
    });
    document.addEventListener("fullscreenchange", function () {
      var button = document.getElementById("map-fullscreen");
      var full = document.fullscreenElement === root;
      button.textContent = full ? m.strings.exitFullscreen : m.strings.fullscreen;
      button.setAttribute("aria-pressed", full ? "true" : "false");
      m.renderer.resize();
      m.renderer.refresh();
    });
    on("map-png", function () {
      drawCanvas(scene(m, measurer())).toBlob(function (blob) { download(blob, fileName(m, "png")); }, "image/png");
    });
    on("map-svg", function () {
      download(new Blob([drawSvg(scene(m, measurer()))], { type: "image/svg+xml" }), fileName(m, "svg"));
    });
  }

  window.MaillageMapTools = {
    attach: function (root) {
      var m = root.maillage;
      islandLabels(root, m);
      keyboard(root, m);
      buttons(root, m);
    },
  };
})();

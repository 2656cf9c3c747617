/* The network map: sigma.js (WebGL) over a graphology graph, fed by one JSON document.
 *
 * Every filter (sector, level, formality, network, territory, date) runs here, on data
 * already loaded, so the map answers without a page reload or another request. Only the
 * "what if" scenarios ask the server, because they are computed by the analysis core.
 * The page is usable without colour: a table gives the same information.
 */
(function () {
  "use strict";

  var root = document.getElementById("map-root");
  if (!root) return;
  var T = JSON.parse(document.getElementById("map-i18n").textContent || "{}");
  var $ = function (id) { return document.getElementById(id); };
  var FADED = "#e3e6ea";
  var REMOVED = "#c9ccd1";
  var CUT_OFF = "#D55E00";
  var TABLE_LIMIT = 500;

  var data = null;
  var graph = null;
  var renderer = null;
  var MAX_DASHED_EDGES = 8000;
  var dashes = false;     // informal ties dashed (small maps) or lighter (large ones)
  var levelNow = null;   // level of each edge at the chosen date (0: absent)
  var formalNow = null;  // 1 when the edge is formal at the chosen date
  var nodeIndex = {};    // organization id -> node position
  var state = {
    sector: "", level: 1, formality: "", network: "", territory: "", date: 0,
    colorBy: "sector", sizeBy: "degree", selected: null, reach: 0, brokers: false, scenario: null,
  };
  var visibleNodes = null;
  var visibleEdges = null;
  var reachable = null;
  var brokers = null;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  function option(select, value, label) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    select.appendChild(element);
  }

  function load() {
    fetch(root.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(init)
      .catch(function () {
        $("map-canvas").innerHTML = "";
        var message = document.createElement("p");
        message.className = "error";
        message.textContent = T.error;
        $("map-canvas").appendChild(message);
      })
      .finally(function () { root.dispatchEvent(new CustomEvent("maillage:settled")); });
  }

  function init(payload) {
    var started = performance.now();
    data = payload;
    var nodes = data.nodes;
    var edges = data.edges;
    graph = new graphology.MultiUndirectedGraph();
    for (var i = 0; i < nodes.id.length; i++) {
      nodeIndex[nodes.id[i]] = i;
      graph.addNode(String(i), { x: nodes.x[i], y: nodes.y[i], label: nodes.label[i], size: 4, color: "#888" });
    }
    for (var e = 0; e < edges.u.length; e++) {
      graph.addEdgeWithKey(String(e), String(edges.u[e]), String(edges.v[e]), { size: 1, color: "#999" });
    }
    // Dash patterns cost a fragment test per pixel: past a few thousand ties they slow the drawing (a lot
    // without a GPU) and cannot be told apart in the mass anyway, so informal ties are then drawn lighter.
    dashes = !!window.MaillageDashedEdgeProgram && edges.u.length <= MAX_DASHED_EDGES;
    root.dataset.dashes = dashes ? "1" : "0";
    levelNow = new Int8Array(edges.u.length);
    formalNow = new Int8Array(edges.u.length);
    brokers = topBrokers(10);
    fillControls();
    $("map-canvas").innerHTML = "";
    renderer = new Sigma(graph, $("map-canvas"), {
      renderEdgeLabels: false,
      // Labels only where they fit: the largest organizations (at least 9 px), at most one per 240 px cell;
      // the selected one always; every other on hover (sigma draws the hovered node's label).
      labelRenderedSizeThreshold: 9,
      labelGridCellSize: 240,
      labelDensity: 1,
      zIndex: true,
      nodeReducer: reduceNode,
      edgeReducer: reduceEdge,
      edgeProgramClasses: dashes ? { dashed: window.MaillageDashedEdgeProgram } : {},
    });
    renderer.on("clickNode", function (event) { select(Number(event.node)); });
    renderer.on("clickStage", function () { select(null); });
    // A handle for the browser tests and benchmarks, which click real node positions.
    root.maillage = {
      renderer: renderer, graph: graph, nodeIndex: nodeIndex, select: select, data: data, strings: T,
      reduceNode: reduceNode, reduceEdge: reduceEdge, focus: focus,
      selected: function () { return state.selected; },
      visibleEdge: function (e) { return !!visibleEdges[e]; },
    };
    if (window.MaillageMapTools) window.MaillageMapTools.attach(root);
    if (data.sampled) {
      $("map-notice").hidden = false;
      $("map-notice").textContent = format(T.sampled, data.sampled);
    }
    apply();
    root.dataset.readyAt = String(Math.round(performance.now()));
    root.dataset.ready = "1";
    root.dataset.loadMs = String(Math.round(performance.now() - started));
  }

  function fillControls() {
    var sectorSelect = $("filter-sector");
    data.sectors.forEach(function (sector, index) { option(sectorSelect, String(index), sector.label); });
    var levelSelect = $("filter-level");
    data.levels.forEach(function (level) { if (level.value > 0) option(levelSelect, String(level.value), level.label); });
    var networkSelect = $("filter-network");
    data.networks.forEach(function (network, index) { option(networkSelect, String(index), network.name); });
    var territorySelect = $("filter-territory");
    data.territories.forEach(function (territory, index) { option(territorySelect, String(index), territory.name); });
    if (data.networks.length < 2) {
      Array.prototype.forEach.call(root.querySelectorAll(".multi-only"), function (label) { label.hidden = true; });
    }
    var slider = $("filter-date");
    slider.max = String(Math.max(0, data.dates.length - 1));
    slider.value = slider.max;
    state.date = Number(slider.value);
    if (data.dates.length < 2) slider.disabled = true;
    var list = $("map-search-list");
    data.nodes.label.forEach(function (label) { option(list, label, ""); });

    var bind = function (id, key, parse) {
      $(id).addEventListener("change", function (event) { state[key] = parse(event.target); apply(); });
    };
    bind("filter-sector", "sector", function (el) { return el.value; });
    bind("filter-level", "level", function (el) { return Number(el.value); });
    bind("filter-formality", "formality", function (el) { return el.value; });
    bind("filter-network", "network", function (el) { return el.value; });
    bind("filter-territory", "territory", function (el) { return el.value; });
    bind("color-by", "colorBy", function (el) { return el.value; });
    bind("size-by", "sizeBy", function (el) { return el.value; });
    bind("highlight-brokers", "brokers", function (el) { return el.checked; });
    bind("reach", "reach", function (el) { return Number(el.value); });
    slider.addEventListener("input", function () {
      state.date = Number(slider.value);
      apply();
      if (state.scenario) runScenario($("scenario").value);
    });
    $("scenario").addEventListener("change", function (event) { runScenario(event.target.value); });
    $("map-search").addEventListener("change", search);
    $("map-search").addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); search(); }
    });
    $("map-filters").addEventListener("submit", function (event) { event.preventDefault(); });
  }

  function computeEdgeState() {
    var history = data.edges.history;
    for (var e = 0; e < history.length; e++) {
      var steps = history[e];
      var level = 0;
      var formal = 0;
      for (var s = 0; s < steps.length; s += 3) {
        if (steps[s] > state.date) break;
        level = steps[s + 1];
        formal = steps[s + 2];
      }
      levelNow[e] = level;
      formalNow[e] = formal;
    }
  }

  function nodePasses(i) {
    var nodes = data.nodes;
    if (state.sector !== "" && nodes.sector[i] !== Number(state.sector)) return false;
    if (state.territory !== "" && nodes.territory[i] !== Number(state.territory)) return false;
    if (state.network !== "" && nodes.networks[i].indexOf(Number(state.network)) < 0) return false;
    return true;
  }

  function edgePasses(e) {
    if (levelNow[e] < Math.max(1, state.level)) return false;
    if (state.formality !== "" && formalNow[e] !== Number(state.formality)) return false;
    if (state.network !== "" && data.edges.network[e] !== Number(state.network)) return false;
    return visibleNodes[data.edges.u[e]] && visibleNodes[data.edges.v[e]];
  }

  function apply() {
    computeEdgeState();
    var n = data.nodes.id.length;
    visibleNodes = new Uint8Array(n);
    for (var i = 0; i < n; i++) visibleNodes[i] = nodePasses(i) ? 1 : 0;
    visibleEdges = new Uint8Array(data.edges.u.length);
    // A pair tied in two networks is drawn once per network but counted once, as the headline counts it.
    var shownPairs = new Set();
    for (var e = 0; e < visibleEdges.length; e++) {
      visibleEdges[e] = edgePasses(e) ? 1 : 0;
      if (visibleEdges[e]) shownPairs.add(data.edges.u[e] * n + data.edges.v[e]);
    }
    var shownEdges = shownPairs.size;
    computeSizes();
    computeReach();
    $("filter-date-label").textContent = day(data.dates[state.date]);
    var shownNodes = visibleNodes.reduce(function (a, b) { return a + b; }, 0);
    var count = new Intl.NumberFormat(document.documentElement.lang || "fr");
    $("map-counts").textContent = count.format(shownNodes) + " " + T.organizations + " · " + count.format(shownEdges) + " " + T.ties.toLowerCase() +
      (shownEdges === 0 ? " — " + T.noTies : "");
    renderer.refresh();
    renderLegend();
    renderTable();
    if (state.selected !== null) renderPanel(state.selected);
    root.dataset.version = String(Number(root.dataset.version || 0) + 1);
    root.dataset.visibleNodes = String(shownNodes);
    root.dataset.visibleEdges = String(shownEdges);
  }

  var sizes = null;
  function computeSizes() {
    var values = data.nodes[state.sizeBy];
    var max = 0;
    for (var i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
    sizes = new Float32Array(values.length);
    for (var j = 0; j < values.length; j++) {
      sizes[j] = 3 + 12 * Math.sqrt(max > 0 ? values[j] / max : 0);
    }
  }

  function computeReach() {
    reachable = null;
    if (state.selected === null || state.reach === 0) return;
    reachable = {};
    reachable[state.selected] = 0;
    var frontier = [state.selected];
    for (var step = 1; step <= state.reach; step++) {
      var next = [];
      frontier.forEach(function (node) {
        graph.forEachEdge(String(node), function (edge, attributes, source, target) {
          if (!visibleEdges[Number(edge)]) return;
          var other = Number(source) === node ? Number(target) : Number(source);
          if (!(other in reachable)) { reachable[other] = step; next.push(other); }
        });
      });
      frontier = next;
    }
  }

  function topBrokers(count) {
    var order = data.nodes.betweenness.map(function (value, index) { return [value, index]; });
    order.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    var result = {};
    order.slice(0, count).forEach(function (pair) { if (pair[0] > 0) result[pair[1]] = true; });
    data.nodes.broker.forEach(function (role, index) {
      if (role >= 0 && data.brokerRoles[role].code === "liaison" && data.nodes.betweenness[index] > 0) result[index] = true;
    });
    return result;
  }

  function nodeColor(i) {
    var sector = data.sectors[data.nodes.sector[i]];
    return state.colorBy === "family" ? data.families[sector.family].color : sector.color;
  }

  function reduceNode(key, attributes) {
    var i = Number(key);
    var result = Object.assign({}, attributes);
    if (!visibleNodes || !visibleNodes[i]) { result.hidden = true; return result; }
    result.size = sizes[i];
    result.color = nodeColor(i);
    var scenario = state.scenario;
    if (scenario) {
      if (scenario.removed[data.nodes.id[i]]) { result.color = REMOVED; result.label = ""; }
      else if (scenario.cutOff[data.nodes.id[i]]) { result.color = CUT_OFF; result.forceLabel = true; }
    }
    if (state.brokers) {
      if (brokers[i]) { result.highlighted = true; result.forceLabel = true; result.zIndex = 2; }
      else { result.color = FADED; result.label = ""; }
    }
    if (reachable) {
      if (i in reachable) { result.forceLabel = reachable[i] <= 1; result.zIndex = 2; }
      else { result.color = FADED; result.label = ""; }
    }
    if (state.selected === i) { result.highlighted = true; result.forceLabel = true; result.zIndex = 3; }
    return result;
  }

  function reduceEdge(key, attributes) {
    var e = Number(key);
    var result = Object.assign({}, attributes);
    if (!visibleEdges || !visibleEdges[e]) { result.hidden = true; return result; }
    var level = levelNow[e];
    result.size = 0.4 + 0.55 * level;
    // Formal ties are drawn dark and solid, informal ones lighter and dashed (map-edges.js).
    // Ties between two groups are drawn lighter, so that each group reads as one island.
    var across = data.nodes.group[data.edges.u[e]] !== data.nodes.group[data.edges.v[e]];
    result.color = formalNow[e] ? (across ? "#a3aebb" : "#3b4a5a") : (across ? "#d0d6dd" : "#8a97a6");
    if (!formalNow[e]) {
      if (dashes) result.type = "dashed";
      else result.color = across ? "#dde2e7" : "#b3bcc7";
    }
    if (across) result.size *= 0.7;
    var scenario = state.scenario;
    if (scenario) {
      var u = data.nodes.id[data.edges.u[e]];
      var v = data.nodes.id[data.edges.v[e]];
      if ((scenario.formal && formalNow[e]) || scenario.removed[u] || scenario.removed[v]) {
        result.color = "#eef0f2";
      }
    }
    if (reachable && !(data.edges.u[e] in reachable && data.edges.v[e] in reachable)) result.color = "#f1f3f5";
    if (state.brokers && !(brokers[data.edges.u[e]] || brokers[data.edges.v[e]])) result.color = "#f1f3f5";
    return result;
  }

  function select(index) {
    state.selected = index;
    root.dispatchEvent(new CustomEvent("maillage:select", { detail: { node: index } }));
    computeReach();
    renderer.refresh();
    if (index === null) {
      $("map-panel").innerHTML = "";
      var hint = document.createElement("p");
      hint.className = "muted";
      hint.textContent = "—";
      $("map-panel").appendChild(hint);
      return;
    }
    renderPanel(index);
  }

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  function renderPanel(i) {
    var nodes = data.nodes;
    var panel = $("map-panel");
    panel.innerHTML = "";
    var title = element("h3");
    var link = element("a", nodes.label[i]);
    link.href = data.urls.organization.replace("/0/", "/" + nodes.id[i] + "/");
    link.title = T.open;
    title.appendChild(link);
    panel.appendChild(title);
    var facts = element("dl", null, "facts compact");
    var add = function (label, value) { facts.appendChild(element("dt", label)); facts.appendChild(element("dd", value)); };
    var sector = data.sectors[nodes.sector[i]];
    add(T.sector, sector.label);
    add(T.territory, nodes.territory[i] >= 0 ? data.territories[nodes.territory[i]].name : "—");
    add(T.networks, nodes.networks[i].map(function (n) { return data.networks[n].name; }).join(", ") || "—");
    add(T.degree, number(nodes.degree[i], 0));
    add(T.betweenness, number(nodes.betweenness[i], 2));
    add(T.eigenvector, number(nodes.eigenvector[i], 2));
    add(T.closeness, number(nodes.closeness[i], 2));
    add(T.broker, nodes.broker[i] >= 0 ? data.brokerRoles[nodes.broker[i]].label : T.none);
    panel.appendChild(facts);
    var ties = [];
    graph.forEachEdge(String(i), function (edge, attributes, source, target) {
      var e = Number(edge);
      if (!visibleEdges[e]) return;
      var other = Number(source) === i ? Number(target) : Number(source);
      ties.push([levelNow[e], formalNow[e], other]);
    });
    ties.sort(function (a, b) { return b[0] - a[0] || nodes.label[a[2]].localeCompare(nodes.label[b[2]]); });
    panel.appendChild(element("h4", T.ties + " (" + ties.length + ")"));
    var list = element("ul", null, "tie-list");
    ties.slice(0, 60).forEach(function (tie) {
      var item = element("li");
      var button = element("button", nodes.label[tie[2]], "link");
      button.type = "button";
      button.addEventListener("click", function () { select(tie[2]); focus(tie[2]); });
      item.appendChild(button);
      item.appendChild(element("span", " · " + data.levels[tie[0]].label + " · " + (tie[1] ? T.formal : T.informal), "muted"));
      list.appendChild(item);
    });
    panel.appendChild(list);
  }

  var numberFormats = {};
  // A date as the pages write it: "15 mai 2025" in French, "May 15, 2025" in English.
  var dayFormat = new Intl.DateTimeFormat(document.documentElement.lang || "fr", {
    day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
  });
  function day(iso) { return iso ? dayFormat.format(new Date(iso + "T00:00:00Z")) : ""; }

  // A number in the reader's language: "0,36" in French, "0.36" in English.
  function number(value, digits) {
    if (!numberFormats[digits]) {
      numberFormats[digits] = new Intl.NumberFormat(document.documentElement.lang || "fr", {
        minimumFractionDigits: digits, maximumFractionDigits: digits,
      });
    }
    return numberFormats[digits].format(value);
  }

  function focus(i) {
    var display = renderer.getNodeDisplayData(String(i));
    if (display) renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 400 });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function search() {
    var wanted = fold($("map-search").value);
    if (!wanted) return;
    var labels = data.nodes.label;
    var found = -1;
    for (var i = 0; i < labels.length && found < 0; i++) if (fold(labels[i]) === wanted) found = i;
    for (var j = 0; j < labels.length && found < 0; j++) if (fold(labels[j]).indexOf(wanted) >= 0) found = j;
    if (found < 0) {
      $("map-panel").innerHTML = "";
      $("map-panel").appendChild(element("p", T.notFound, "error"));
      return;
    }
    select(found);
    focus(found);
  }

  function runScenario(value) {
    var summary = $("scenario-summary");
    if (!value) {
      state.scenario = null;
      summary.hidden = true;
      renderer.refresh();
      renderTable();
      return;
    }
    var url = root.dataset.scenarioUrl + "?scenario=" + encodeURIComponent(value) +
      "&as_of=" + encodeURIComponent(data.dates[state.date] || "");
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        if (result.error) { summary.hidden = false; summary.textContent = result.error; return; }
        var removed = {};
        var cutOff = {};
        result.removed.forEach(function (id) { removed[id] = true; });
        result.cut_off.forEach(function (id) { cutOff[id] = true; });
        state.scenario = { removed: removed, cutOff: cutOff, formal: result.removes_formal_ties };
        summary.hidden = false;
        summary.textContent = format(T.scenarioSummary, {
          removed: result.removed_organizations, ties: result.removed_ties, cut: result.cut_off.length,
          before: Math.round(result.before.largest_component_share * 100) + " %",
          after: Math.round(result.after.largest_component_share * 100) + " %",
        });
        root.dataset.scenarioCutOff = String(result.cut_off.length);
        renderer.refresh();
        renderTable();
      });
  }

  // What the legend and the table read of the map's current state (map-legend.js draws them).
  function view() {
    return {
      data: data, T: T, visibleNodes: visibleNodes, visibleEdges: visibleEdges, colorBy: state.colorBy,
      scenario: state.scenario, dashes: dashes, removedColor: REMOVED, cutOffColor: CUT_OFF, number: number,
    };
  }

  function renderLegend() { window.MaillageMapLegend.legend($("map-legend"), view()); }

  function renderTable() { window.MaillageMapLegend.table($("map-table"), view(), TABLE_LIMIT); }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();

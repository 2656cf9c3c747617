/* The map's legend (colour families and their sectors' shades, ties) and the map as a table.
 *
 * map.js calls these with a view of its current state: the payload, the words, which organizations and ties
 * are shown, the colouring and the scenario.
 */
(function () {
  "use strict";

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  function legend(container, v) {
    var T = v.T;
    container.innerHTML = "";
    container.appendChild(familyLegend(v));
    var list = element("ul");
    if (v.scenario) {
      [[v.removedColor, T.removed], [v.cutOffColor, T.cutOff]].forEach(function (pair) {
        var entry = element("li");
        var swatch = element("span", null, "swatch");
        swatch.style.background = pair[0];
        entry.appendChild(swatch);
        entry.appendChild(document.createTextNode(pair[1]));
        list.appendChild(entry);
      });
    }
    [["tie-formal", T.formal], ["tie-informal", T.informal]].forEach(function (pair) {
      var entry = element("li");
      entry.appendChild(element("span", null, "tie-swatch " + pair[0] + (v.dashes ? "" : " solid")));
      entry.appendChild(document.createTextNode(pair[1]));
      list.appendChild(entry);
    });
    container.appendChild(list);
    container.appendChild(element("p", T.legendSize, "muted"));
    if (v.data.islands.length > 1) container.appendChild(element("p", T.legendGroups, "muted"));
  }

  // One line per colour family: its hue, then (colouring by sector) each of its sectors in its shade.
  function familyLegend(v) {
    var data = v.data;
    var shown = {};
    for (var i = 0; i < data.nodes.sector.length; i++) if (v.visibleNodes[i]) shown[data.nodes.sector[i]] = true;
    var families = element("ul", null, "legend-families");
    data.families.forEach(function (family, f) {
      var sectors = data.sectors.filter(function (sector, s) { return sector.family === f && shown[s]; });
      if (!sectors.length) return;
      var entry = element("li");
      var swatch = element("span", null, "swatch");
      swatch.style.background = family.color;
      entry.appendChild(swatch);
      entry.appendChild(element("strong", family.label));
      if (v.colorBy !== "family") {
        sectors.forEach(function (sector) {
          var shade = element("span", null, "legend-sector");
          var dot = element("span", null, "swatch small");
          dot.style.background = sector.color;
          shade.appendChild(dot);
          shade.appendChild(document.createTextNode(sector.label));
          entry.appendChild(shade);
        });
      }
      families.appendChild(entry);
    });
    return families;
  }

  function table(container, v, limit) {
    var data = v.data;
    var T = v.T;
    var visibleEdges = v.visibleEdges;
    var visibleNodes = v.visibleNodes;
    var scenario = v.scenario;
    var nodes = data.nodes;
    var partners = new Int32Array(nodes.id.length);
    for (var e = 0; e < visibleEdges.length; e++) {
      if (!visibleEdges[e]) continue;
      partners[data.edges.u[e]]++;
      partners[data.edges.v[e]]++;
    }
    var rows = [];
    for (var i = 0; i < nodes.id.length; i++) if (visibleNodes[i]) rows.push(i);
    rows.sort(function (a, b) { return partners[b] - partners[a] || nodes.label[a].localeCompare(nodes.label[b]); });
    var grid = element("table", null, "list");
    var head = element("thead");
    var headRow = element("tr");
    [T.name, T.sector, T.ties, T.bridging, T.broker].forEach(function (label) {
      var th = element("th", label);
      th.scope = "col";
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    grid.appendChild(head);
    var body = element("tbody");
    rows.slice(0, limit).forEach(function (i) {
      var row = element("tr");
      var status = "";
      if (scenario && scenario.removed[nodes.id[i]]) status = " (" + T.removed + ")";
      else if (scenario && scenario.cutOff[nodes.id[i]]) status = " (" + T.cutOff + ")";
      [nodes.label[i] + status, data.sectors[nodes.sector[i]].label, String(partners[i]), v.number(nodes.betweenness[i], 2),
        nodes.broker[i] >= 0 ? data.brokerRoles[nodes.broker[i]].label : "—"].forEach(function (value) {
        row.appendChild(element("td", value));
      });
      body.appendChild(row);
    });
    grid.appendChild(body);
    container.innerHTML = "";
    container.appendChild(grid);
    if (rows.length > limit) container.appendChild(element("p", limit + " / " + rows.length, "muted"));
  }

  window.MaillageMapLegend = { legend: legend, table: table };
})();

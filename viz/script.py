"""The map page's own JavaScript: filters, details on click, highlighting, saving positions.

Data text only ever reaches the page through ``textContent`` (and ``<option>`` values), never
``innerHTML``: an actor called ``<img src=x onerror=alert(1)>`` stays a name.
"""

__all__ = ["PAGE_SCRIPT"]

PAGE_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("zorgnet-data").textContent);
  var DIM = "#e3e3e3", DIM_FONT = "#b5b5b5", HIGHLIGHT = "#f39c12";
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });

  function el(tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) { element.textContent = text; }
    if (className) { element.className = className; }
    return element;
  }

  function infoElement(node) {
    var box = el("div", null, "info");
    node.info.forEach(function (row) {
      box.appendChild(el("h3", row[0]));
      var list = el("ul");
      row[1].forEach(function (line) { list.appendChild(el("li", line)); });
      box.appendChild(list);
    });
    return box;
  }

  function nodeStyle(n, state) {
    var dim = state === "dim";
    var lit = state === "lit";
    return {
      id: n.id,
      color: {
        background: dim ? DIM : n.color,
        border: lit ? HIGHLIGHT : (dim ? DIM : n.border),
        highlight: {background: n.color, border: HIGHLIGHT}
      },
      borderWidth: lit ? 4 : 1,
      font: {color: dim ? DIM_FONT : "#1b1b1b"}
    };
  }

  function edgeStyle(e, state) {
    return {
      id: e.id,
      color: {color: state === "dim" ? DIM : e.color, highlight: HIGHLIGHT},
      width: state === "lit" ? Math.max(e.width, 1) * 2.5 : e.width
    };
  }

  function baseState(item) {
    if (item.hl) { return "lit"; }
    return data.dimRest ? "dim" : "normal";
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = nodeStyle(n, baseState(n));
    item.label = n.label;
    item.shape = n.shape;
    item.size = n.hl ? 18 : 12;
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    if (!data.large) { item.title = infoElement(n); }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var item = edgeStyle(e, baseState(e));
    item.from = e.from;
    item.to = e.to;
    // Dashed lines cost seconds per frame at 20,000 actors; colour still tells the kind.
    item.dashes = data.large ? false : e.dashes;
    item.arrows = e.arrows;
    return item;
  }));

  var chosen = {gemeente: "", domein: "", niveau: "", relatie: "", signaal: ""};
  function allows(values, wanted) {
    // Stating no gemeente, domain or level means: for all of them.
    return wanted === "" || values.length === 0 || values.indexOf(wanted) >= 0;
  }
  function nodeVisible(item) {
    var n = byId.get(item.id);
    return allows(n.gemeenten, chosen.gemeente) && allows(n.domains, chosen.domein)
      && allows(n.levels, chosen.niveau)
      // n.signals: the kinds of the node's signals, as render.py writes them.
      && (chosen.signaal === "" || (n.signals || []).indexOf(chosen.signaal) >= 0);
  }
  var edgesById = new Map();
  data.edges.forEach(function (e) { edgesById.set(e.id, e); });
  var nodeView = new vis.DataView(nodes, {filter: nodeVisible});
  var edgeView = new vis.DataView(edges, {filter: function (item) {
    var e = edgesById.get(item.id);
    return (chosen.relatie === "" || e.kind === chosen.relatie)
      && nodeVisible({id: e.from}) && nodeVisible({id: e.to});
  }});

  var options = {
    autoResize: true,
    layout: {randomSeed: data.seed, improvedLayout: !data.large},
    physics: data.physics ? {
      solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -60, springLength: 110},
      stabilization: {enabled: true, iterations: 400, updateInterval: 50, fit: true}
    } : false,
    interaction: {hover: !data.large, tooltipDelay: 150, hideEdgesOnDrag: data.large,
                  hideEdgesOnZoom: data.large},
    nodes: {font: {size: 13, face: "sans-serif"}},
    edges: {smooth: data.large ? false : {type: "continuous"},
            arrowStrikethrough: false}
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);

  if (data.rings.length) {
    network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.strokeStyle = "#c8c8c8";
      ctx.fillStyle = "#8a8a8a";
      ctx.font = "14px sans-serif";
      ctx.setLineDash([6, 6]);
      data.rings.forEach(function (ring) {
        ctx.beginPath();
        ctx.arc(0, 0, ring[1], 0, 2 * Math.PI);
        ctx.stroke();
        ctx.fillText(ring[0], 6, -ring[1] - 6);
      });
      ctx.restore();
    });
  }

  function ready() {
    document.body.setAttribute("data-ready", "1");
    window.zorgnetReady = true;
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      network.once("afterDrawing", ready);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", ready);
  }

  var details = document.getElementById("details");
  function showDetails(id) {
    while (details.firstChild) { details.removeChild(details.firstChild); }
    if (id === null) {
      details.appendChild(el("p", "Klik op een actor voor de details en de bronnen."));
      details.removeAttribute("data-actor");
      return;
    }
    details.setAttribute("data-actor", id);
    details.appendChild(infoElement(byId.get(id)));
  }

  function restyle(focus) {
    var nodeUpdates = [], edgeUpdates = [];
    if (focus === null) {
      data.nodes.forEach(function (n) { nodeUpdates.push(nodeStyle(n, baseState(n))); });
      data.edges.forEach(function (e) { edgeUpdates.push(edgeStyle(e, baseState(e))); });
    } else {
      var near = new Set(network.getConnectedNodes(focus));
      near.add(focus);
      data.nodes.forEach(function (n) {
        var state = n.id === focus ? "lit" : (near.has(n.id) ? "normal" : "dim");
        nodeUpdates.push(nodeStyle(n, state));
      });
      data.edges.forEach(function (e) {
        edgeUpdates.push(edgeStyle(e, e.from === focus || e.to === focus ? "normal" : "dim"));
      });
    }
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }

  network.on("click", function (params) {
    var id = params.nodes.length ? params.nodes[0] : null;
    if (id !== null && network.isCluster(id)) {
      network.openCluster(id);
      return;
    }
    showDetails(id);
    restyle(id);
  });

  function fillSelect(name) {
    var select = document.getElementById("filter-" + name);
    if (data.filters[name].length === 0) {
      select.parentNode.hidden = true;
      return;
    }
    data.filters[name].forEach(function (pair) {
      var option = el("option", pair[1]);
      option.value = pair[0];
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      chosen[name] = select.value;
      nodeView.refresh();
      edgeView.refresh();
      updateCount();
    });
  }
  function updateCount() {
    document.getElementById("count").textContent =
      nodeView.length + " actoren, " + edgeView.length + " verbindingen zichtbaar";
  }
  ["gemeente", "domein", "niveau", "relatie", "signaal"].forEach(fillSelect);
  updateCount();
  showDetails(null);

  function positions() {
    var found = network.getPositions();
    var out = {};
    Object.keys(found).sort().forEach(function (id) {
      out[id] = [Math.round(found[id].x * 10) / 10, Math.round(found[id].y * 10) / 10];
    });
    return JSON.stringify({formaat: "zorgnet-posities/1", posities: out}, null, 1);
  }
  document.getElementById("save-positions").addEventListener("click", function () {
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([positions()], {type: "application/json"}));
    link.download = "posities.json";
    link.click();
    URL.revokeObjectURL(link.href);
  });
  document.getElementById("cluster").addEventListener("click", function () {
    Object.keys(data.gemeentenLabels).forEach(function (g) {
      network.cluster({
        joinCondition: function (item) {
          var n = byId.get(item.id);
          return n !== undefined && n.gemeenten.length === 1 && n.gemeenten[0] === g;
        },
        clusterNodeProperties: {id: "cluster:" + g, label: data.gemeentenLabels[g],
                                shape: "database", color: "#dfe9f3"}
      });
    });
  });

  window.zorgnetMap = {network: network, nodes: nodes, edges: edges, nodeView: nodeView,
                       edgeView: edgeView, positions: positions, dim: DIM};
})();
"""

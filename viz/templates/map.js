/* zorgnet map page: filters, legend, search, details, table, the view in the URL.
   Text from the data reaches the page through textContent only, never innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("zorgnet-data").textContent);
  var DIM = "#e3e3e3", DIM_FONT = "#9a9a9a", HIGHLIGHT = "#f39c12", FLAG = "#d7191c";
  var TEXT = "#1b1b1b";
  var FILTERS = ["gemeente", "domein", "niveau", "relatie", "signaal"];
  var groups = data.options.groups;
  var byId = new Map();
  var edgesById = new Map();
  var near = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); near.set(n.id, new Set()); });
  data.edges.forEach(function (e) {
    edgesById.set(e.id, e);
    near.get(e.from).add(e.to);
    near.get(e.to).add(e.from);
  });

  function el(tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) { element.textContent = text; }
    if (className) { element.className = className; }
    return element;
  }
  function normalised(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
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
  function edgeElement(e) {
    var box = el("div", null, "info");
    box.appendChild(el("p", byId.get(e.from).name + " — " + data.kindLabels[e.kind] + " — "
      + byId.get(e.to).name));
    if (e.sources.length) { box.appendChild(el("p", "Bron: " + e.sources.join("; "))); }
    return box;
  }

  /* States: "normal", "lit" (highlighted), "dim" (pale), "near" (a neighbour of the
     chosen actor: its label large enough to read while the map shows them all), and
     "faint" (pale, without its label, while an actor is chosen). */
  var NEAR_FONT = 26, FAINT_FONT = {color: "rgba(0,0,0,0)", strokeWidth: 0};
  function nodeStyle(n, state) {
    var colour = groups[n.group].color;
    var dim = state === "dim" || state === "faint", lit = state === "lit";
    var font = {color: dim ? DIM_FONT : TEXT, strokeWidth: 3,
                size: state === "near" || lit ? Math.max(n.font.size, NEAR_FONT) : n.font.size};
    if (state === "faint") { font = {color: FAINT_FONT.color, strokeWidth: 0, size: n.font.size}; }
    var border = n.mark || (lit ? HIGHLIGHT : (n.flagged ? FLAG : colour.border));
    return {
      id: n.id,
      color: {
        background: dim ? DIM : colour.background,
        border: dim ? DIM : border,
        highlight: {background: colour.background, border: HIGHLIGHT},
        hover: {background: colour.background, border: HIGHLIGHT}
      },
      borderWidth: lit || n.mark ? 4 : (n.flagged ? 3 : 1),
      font: font,
      // The other actors' names are hidden then, so a neighbour's may take more room.
      widthConstraint: state === "near" ? {maximum: data.largeLabelWidth} : n.widthConstraint
    };
  }
  function edgeStyle(e, state) {
    return {
      id: e.id,
      color: {color: state === "dim" ? DIM : e.color, highlight: HIGHLIGHT, hover: HIGHLIGHT},
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
    item.group = n.group;
    item.size = n.size;
    item.x = n.x;
    item.y = n.y;
    if (!data.large) { item.title = infoElement(n); }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var item = edgeStyle(e, baseState(e));
    item.from = e.from;
    item.to = e.to;
    item.dashes = e.dashes;
    item.arrows = e.arrows;
    if (!data.large) { item.title = edgeElement(e); }
    return item;
  }));

  /* What the reader chose; written to and read from the URL's #fragment. */
  var state = {weergave: data.views.length ? data.views[0][0] : "", focus: "",
               verborgen: new Set()};
  FILTERS.forEach(function (name) { state[name] = ""; });

  function allows(values, wanted) {
    // Stating no domain or level means: for all of them.
    return wanted === "" || values.length === 0 || values.indexOf(wanted) >= 0;
  }
  function inView(n) {
    return data.views.length === 0 || n.views.indexOf(state.weergave) >= 0;
  }
  function passesFilters(n) {
    // n.gemeenten: the gemeenten the actor serves, as the analysis says; an actor that
    // serves none (not active, or elsewhere) is not shown for a gemeente.
    return inView(n)
      && (state.gemeente === "" || n.gemeenten.indexOf(state.gemeente) >= 0)
      && allows(n.domains, state.domein) && allows(n.levels, state.niveau)
      && (state.signaal === "" || n.signals.indexOf(state.signaal) >= 0);
  }
  function visible(n) {
    return n !== undefined && passesFilters(n) && !state.verborgen.has(n.group);
  }
  var nodeView = new vis.DataView(nodes, {filter: function (item) {
    return visible(byId.get(item.id));
  }});
  var edgeView = new vis.DataView(edges, {filter: function (item) {
    var e = edgesById.get(item.id);
    return (state.relatie === "" || e.kind === state.relatie)
      && visible(byId.get(e.from)) && visible(byId.get(e.to));
  }});

  var container = document.getElementById("network");
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, data.options);

  /* The layers' names, wrapped to their column left of the map. */
  function wrap(text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    lines.push(line);
    return lines;
  }
  var BAND_FONT = 34;
  var shownLayers = new Set();
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    var shade = 0;
    data.bands.forEach(function (band) {
      if (!shownLayers.has(band.layer)) { return; }
      ctx.fillStyle = shade++ % 2 === 0 ? "#f1f4f7" : "#fafbfc";
      ctx.fillRect(band.left, band.top, band.right - band.left, band.bottom - band.top);
      ctx.fillStyle = "#3b3b3b";
      ctx.font = "bold " + BAND_FONT + "px sans-serif";
      wrap(band.label, 15).forEach(function (line, i) {
        ctx.fillText(line, band.left + 16, band.top + BAND_FONT * (1.2 * i + 1.1));
      });
    });
    if (data.rings.length) {
      ctx.strokeStyle = "#c8c8c8";
      ctx.fillStyle = "#6b6b6b";
      ctx.font = "16px sans-serif";
      ctx.setLineDash([6, 6]);
      data.rings.forEach(function (ring) {
        ctx.beginPath();
        ctx.arc(0, 0, ring[1], 0, 2 * Math.PI);
        ctx.stroke();
        ctx.fillText(ring[0], 6, -ring[1] - 6);
      });
    }
    ctx.restore();
  });

  var details = document.getElementById("details");
  function showDetails(id) {
    while (details.firstChild) { details.removeChild(details.firstChild); }
    if (!id) {
      details.appendChild(el("p", "Kies een actor op de kaart, in de tabel of met Zoek "
        + "voor de details en de bronnen."));
      details.removeAttribute("data-actor");
      return;
    }
    details.setAttribute("data-actor", id);
    details.appendChild(infoElement(byId.get(id)));
  }

  var restyled = null;
  function restyle() {
    var focus = state.focus || null;
    var nodeUpdates = [], edgeUpdates = [];
    var close = focus ? near.get(focus) : null;
    if (data.large) {
      // Restyling 20,000 actors takes seconds: only the chosen actor, its neighbours and
      // those of the previous choice change, and nothing is made pale.
      var touched = new Set(restyled || []);
      if (focus) { touched.add(focus); close.forEach(function (id) { touched.add(id); }); }
      touched.forEach(function (id) {
        var n = byId.get(id);
        nodeUpdates.push(nodeStyle(n, id === focus ? "lit"
          : (focus && close.has(id) ? "near" : baseState(n))));
      });
      restyled = focus ? [focus].concat(Array.from(close)) : null;
      nodes.update(nodeUpdates);
      return;
    }
    data.nodes.forEach(function (n) {
      var s = focus === null ? baseState(n)
        : (n.id === focus ? "lit" : (close.has(n.id) ? "near" : "faint"));
      nodeUpdates.push(nodeStyle(n, s));
    });
    data.edges.forEach(function (e) {
      var s = focus === null ? baseState(e)
        : (e.from === focus || e.to === focus ? "normal" : "dim");
      edgeUpdates.push(edgeStyle(e, s));
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }

  /* Show every visible actor, and the column of layer names beside them. */
  /* A map in a frame not yet laid out (loading lazily, folded away) has no size to fit
     to: vis-network refuses a zoom of 0, so wait for the size the ResizeObserver reports. */
  function sized() { return container.clientWidth > 0 && container.clientHeight > 0; }

  function fitView() {
    var ids = nodeView.getIds();
    if (ids.length === 0 || !sized()) { return; }
    var found = network.getPositions(ids);
    var box = {left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity};
    ids.forEach(function (id) {
      box.left = Math.min(box.left, found[id].x - 110);
      box.right = Math.max(box.right, found[id].x + 110);
      box.top = Math.min(box.top, found[id].y - 40);
      box.bottom = Math.max(box.bottom, found[id].y + 90);
    });
    data.bands.forEach(function (band) {
      if (shownLayers.has(band.layer)) { box.left = Math.min(box.left, band.left); }
    });
    var scale = Math.min(container.clientWidth / (box.right - box.left),
                         container.clientHeight / (box.bottom - box.top), 1.2);
    network.moveTo({position: {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2},
                    scale: scale, animation: false});
  }

  /* Centre on *id* at a zoom that shows its neighbours too. */
  function centreOn(id) {
    if (!sized()) { return; }
    var ids = [id];
    near.get(id).forEach(function (other) { if (visible(byId.get(other))) { ids.push(other); } });
    var found = network.getPositions(ids);
    var centre = found[id], dx = 0, dy = 0;
    ids.forEach(function (other) {
      dx = Math.max(dx, Math.abs(found[other].x - centre.x));
      dy = Math.max(dy, Math.abs(found[other].y - centre.y));
    });
    var scale = Math.min(1.2, container.clientWidth / (2 * dx + 320),
                         container.clientHeight / (2 * dy + 220));
    // Not so far out that the neighbours' names cannot be read.
    network.moveTo({position: centre, scale: Math.max(scale, 0.4), animation: false});
  }

  /* Make sure *id* is shown: a view that holds it, its group, no filter that hides it. */
  function reveal(n) {
    if (!inView(n)) { state.weergave = n.views[0]; }
    state.verborgen.delete(n.group);
    if (!passesFilters(n)) { FILTERS.forEach(function (name) { state[name] = ""; }); }
  }

  function select(id, centre) {
    state.focus = id || "";
    if (id) { reveal(byId.get(id)); }
    apply(false);
    restyle();
    showDetails(state.focus);
    if (id) {
      network.selectNodes([id]);
      if (centre) { centreOn(id); }
    } else {
      network.unselectAll();
    }
  }

  network.on("click", function (params) {
    select(params.nodes.length ? params.nodes[0] : null, false);
  });

  /* The controls and the URL. */
  var selects = {};
  ["weergave"].concat(FILTERS).forEach(function (name) {
    var select_ = document.getElementById("filter-" + name);
    if (select_ === null) { return; }
    selects[name] = select_;
    select_.addEventListener("change", function () {
      state[name] = select_.value;
      // A chosen actor that the new filter hides is let go: else the whole map stays
      // pale around an actor nobody sees.
      if (state.focus && !visible(byId.get(state.focus))) { select(null, false); }
      apply(name === "weergave" || name === "gemeente");
    });
  });
  var categoryButtons = Array.prototype.slice.call(document.querySelectorAll("button.category"));
  categoryButtons.forEach(function (button) {
    button.addEventListener("click", function () {
      var group = button.getAttribute("data-category");
      if (state.verborgen.has(group)) { state.verborgen.delete(group); }
      else { state.verborgen.add(group); }
      apply(false);
    });
  });
  var rows = Array.prototype.slice.call(document.querySelectorAll("#tabel tbody tr"));
  document.getElementById("tabel").addEventListener("click", function (event) {
    var button = event.target.closest("button.show-on-map");
    if (button === null) { return; }
    select(button.closest("tr").getAttribute("data-id"), true);
    container.scrollIntoView({block: "nearest"});
    container.focus({preventScroll: true});
  });
  /* The page of the site that shows this map (data-page-url), or the map's own address
     for a map opened as a file. A map in a frame of that page keeps the page's address
     up to date too, so that the address bar can be shared as well. */
  var pageUrl = document.body.getAttribute("data-page-url");
  var host = null;
  try {
    if (window.parent !== window && pageUrl
        && window.parent.location.pathname === new URL(pageUrl, window.location.href).pathname) {
      host = window.parent;
    }
  } catch (error) { host = null; }
  function shareUrl(text) {
    var base = pageUrl ? new URL(pageUrl, window.location.href).href
      : window.location.href.split("#")[0];
    return base + (text ? "#" + text : "");
  }
  var shareBox = document.getElementById("share-box");
  var shareLink = document.getElementById("share-link");
  var shareMessage = document.getElementById("share-melding");
  document.getElementById("share").addEventListener("click", function () {
    var url = shareUrl(fragment());
    shareLink.value = url;
    shareBox.hidden = false;
    shareLink.focus();
    shareLink.select();
    function copied() {
      shareMessage.textContent = "De link is gekopieerd. U ziet hem ook in het veld hierboven.";
    }
    function notCopied() {
      shareMessage.textContent = "Kopieer de link uit het veld hierboven (Ctrl+C, of lang "
        + "indrukken op een telefoon).";
    }
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    if (done) { copied(); return; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(copied, notCopied);
    } else {
      notCopied();
    }
  });

  function fragment() {
    var params = new URLSearchParams();
    if (data.views.length && state.weergave !== data.views[0][0]) {
      params.set("weergave", state.weergave);
    }
    FILTERS.forEach(function (name) { if (state[name]) { params.set(name, state[name]); } });
    if (state.verborgen.size) {
      params.set("verborgen", Array.from(state.verborgen).sort().join(","));
    }
    if (state.focus) { params.set("focus", state.focus); }
    return params.toString();
  }
  function readFragment() {
    var hash = window.location.hash;
    if (!hash && host !== null) { hash = host.location.hash; }
    var params = new URLSearchParams(hash.replace(/^#/, ""));
    Object.keys(selects).forEach(function (name) {
      var wanted = params.get(name);
      var allowed = Array.prototype.some.call(selects[name].options, function (o) {
        return o.value === wanted;
      });
      if (wanted !== null && allowed) { state[name] = wanted; }
    });
    (params.get("verborgen") || "").split(",").forEach(function (group) {
      if (groups[group] !== undefined) { state.verborgen.add(group); }
    });
    var focus = params.get("focus");
    return focus !== null && byId.has(focus) ? focus : null;
  }

  function updateLegend() {
    var counts = {};
    data.nodes.forEach(function (n) {
      if (passesFilters(n)) { counts[n.group] = (counts[n.group] || 0) + 1; }
    });
    categoryButtons.forEach(function (button) {
      var group = button.getAttribute("data-category");
      button.setAttribute("aria-pressed", state.verborgen.has(group) ? "false" : "true");
      button.querySelector(".category-count").textContent = "(" + (counts[group] || 0) + ")";
      // A group with no actor in this view or these filters is not offered: clicking it
      // would change nothing.
      button.parentNode.hidden = !counts[group] && !state.verborgen.has(group);
    });
  }
  /* "9 van 9 actoren rond het team zichtbaar": counted against the actors of the view
     shown, the team in the middle of a team map apart. */
  function countText() {
    var centre = data.centre || null;
    var pool = data.nodes.filter(function (n) { return inView(n) && n.id !== centre; });
    var shown = nodeView.getIds().filter(function (id) { return id !== centre; }).length;
    var what = " actoren";
    if (centre !== null) {
      what += " rond " + byId.get(centre).name + " zichtbaar, en het team zelf in het midden";
    } else if (data.views.length) {
      var view = data.views.filter(function (v) { return v[0] === state.weergave; })[0];
      what += " van de weergave " + view[1] + " zichtbaar";
    } else {
      what += " zichtbaar";
    }
    return shown + " van " + pool.length + what + ", " + edgeView.length + " verbindingen";
  }
  function apply(refit) {
    Object.keys(selects).forEach(function (name) { selects[name].value = state[name]; });
    nodeView.refresh();
    edgeView.refresh();
    shownLayers = new Set();
    var shown = new Set(nodeView.getIds());
    data.nodes.forEach(function (n) { if (shown.has(n.id)) { shownLayers.add(n.layer); } });
    var listed = 0;
    rows.forEach(function (row) {
      row.hidden = !shown.has(row.getAttribute("data-id"));
      if (!row.hidden) { listed += 1; }
    });
    // The caption counts the rows the choices leave, as the map's header does.
    var tableCount = document.getElementById("tabel-aantal");
    if (tableCount !== null) { tableCount.textContent = String(listed); }
    updateLegend();
    document.getElementById("count").textContent = countText();
    var text = fragment();
    var url = window.location.href.split("#")[0] + (text ? "#" + text : "");
    window.history.replaceState(null, "", url);
    if (host !== null) {
      host.history.replaceState(null, "", host.location.href.split("#")[0]
        + (text ? "#" + text : ""));
    }
    if (!shareBox.hidden) { shareLink.value = shareUrl(text); }
    if (refit) { fitView(); }
  }

  document.getElementById("controls").addEventListener("submit", function (event) {
    event.preventDefault();
    var message = document.getElementById("zoek-melding");
    var wanted = normalised(document.getElementById("zoek").value);
    if (!wanted) { message.textContent = "Typ eerst (een deel van) een naam."; return; }
    var best = null, bestRank = 99;
    data.nodes.forEach(function (n) {
      var name = normalised(n.name);
      var rank = name === wanted ? 0 : (name.indexOf(wanted) === 0 ? 1
        : (name.indexOf(wanted) > 0 ? 2 : 99));
      if (rank < 99 && !visible(n)) { rank += 3; }
      if (rank < bestRank || (rank === bestRank && best !== null && n.name.length < best.name.length)) {
        best = n;
        bestRank = rank;
      }
    });
    if (best === null) {
      message.textContent = "Geen actor gevonden met deze naam.";
      return;
    }
    message.textContent = best.name + " staat in het midden van de kaart, met de actoren "
      + "waarmee het verbonden is.";
    select(best.id, true);
  });
  document.getElementById("reset").addEventListener("click", function () {
    FILTERS.forEach(function (name) { state[name] = ""; });
    state.verborgen.clear();
    select(null, false);
    fitView();
  });

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

  /* For the PNG: the network and the whole legend, without the controls. */
  function exportView() {
    document.body.classList.add("export");
    document.getElementById("legend").open = true;
    return new Promise(function (resolve) {
      network.setSize("100%", "100%");
      fitView();
      network.once("afterDrawing", function () { resolve(true); });
      network.redraw();
    });
  }

  var legend = document.getElementById("legend");
  var filters = document.getElementById("filters");
  var narrow = window.matchMedia("(max-width: 760px)");
  // On a phone, or in a frame too low for everything, the map comes first: the legend
  // and the filters open when asked. A frame may start at the browser's default size
  // before the page around it is styled: the panels follow its size until the reader
  // opens or closes one.
  var readerChose = false;
  [legend, filters].forEach(function (panel) {
    panel.querySelector("summary").addEventListener("click", function () { readerChose = true; });
  });
  function arrange() {
    if (readerChose) { return; }
    legend.open = !narrow.matches;
    filters.open = !narrow.matches && window.innerHeight >= 860;
  }
  arrange();
  window.addEventListener("resize", arrange);
  // When the canvas changes size (the frame's final size, a panel folding), the whole
  // map is fitted again, unless the reader has chosen an actor, zoomed or dragged.
  var readerMoved = false;
  network.on("zoom", function () { readerMoved = true; });
  network.on("dragEnd", function () { readerMoved = true; });
  if (window.ResizeObserver) {
    var lastSize = "", wasSized = sized();
    new ResizeObserver(function () {
      var size = container.clientWidth + "x" + container.clientHeight;
      if (size === lastSize || document.body.classList.contains("export")) { return; }
      lastSize = size;
      network.setSize("100%", "100%");
      var firstSized = !wasSized && sized();
      wasSized = sized();
      if (!state.focus && !readerMoved) { fitView(); }
      else if (state.focus && firstSized) { centreOn(state.focus); }
    }).observe(container);
  }

  var focus = readFragment();
  apply(false);
  if (focus !== null) {
    select(focus, true);
  } else {
    showDetails(null);
    fitView();
  }
  network.once("afterDrawing", function () {
    // Since the navigation began: what bench/maps.py reports as "interactive".
    window.zorgnetReadyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
    window.zorgnetReady = true;
  });
  network.redraw();

  window.zorgnetMap = {network: network, nodes: nodes, edges: edges, nodeView: nodeView,
                       edgeView: edgeView, positions: positions, dim: DIM, state: state,
                       select: select, exportView: exportView};
})();

// Charts drawn over the server-rendered tables: the table is the data (and what a reader sees
// with JavaScript off); a chart never shows anything its table does not hold.
"use strict";
(() => {
  const PALETTE = ["#0b57d0", "#c62828", "#1a7f37", "#6f42c1", "#b26a00", "#00838f", "#ad1457", "#5d6775"];

  function tableOf(figure) {
    return figure.querySelector("table");
  }

  // --- time series (uPlot) -------------------------------------------------------------
  function timeseries(el) {
    const table = tableOf(el.closest("figure"));
    if (!table || typeof uPlot === "undefined") return;
    const names = [...table.tHead.rows[0].cells].slice(1).map((c) => c.textContent.trim());
    const rows = [...table.tBodies[0].rows];
    const xs = rows.map((r) => Number(r.dataset.t));
    const ys = names.map((_, i) => rows.map((r) => Number(r.cells[i + 1].textContent.replace(/,/g, ""))));
    const single = names.length === 1;
    const bars = single && uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.9, 40] }) : undefined;
    const width = Math.max(300, el.clientWidth || el.parentElement.clientWidth);
    const opts = {
      width,
      height: 220,
      legend: { show: !single, live: false },
      cursor: { drag: { x: Boolean(el.dataset.select), y: false, setScale: false }, points: { show: !single } },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { size: 40 }],
      series: [{ label: table.dataset.unit || "period" }].concat(
        names.map((name, i) => ({
          label: name,
          stroke: PALETTE[i % PALETTE.length],
          fill: single ? PALETTE[0] + "88" : undefined,
          width: single ? 1 : 2,
          paths: bars,
          points: { show: !single && xs.length < 60 },
        })),
      ),
      hooks: {},
    };
    if (el.dataset.select) {
      const [sinceParam, untilParam] = el.dataset.select.split(",");
      opts.hooks.setSelect = [
        (u) => {
          if (u.select.width < 2) return;
          const lo = u.posToVal(u.select.left, "x");
          const hi = u.posToVal(u.select.left + u.select.width, "x");
          // The periods whose start lies in the dragged range (at least the nearest one).
          let picked = rows.filter((r) => Number(r.dataset.t) >= lo && Number(r.dataset.t) <= hi);
          if (!picked.length) {
            const mid = (lo + hi) / 2;
            picked = [rows.reduce((a, b) => (Math.abs(b.dataset.t - mid) < Math.abs(a.dataset.t - mid) ? b : a))];
          }
          const url = new URL(window.location.href);
          url.searchParams.set(sinceParam, picked[0].dataset.first);
          url.searchParams.set(untilParam, picked[picked.length - 1].dataset.last);
          url.searchParams.delete("cursor");
          window.location.assign(url.toString());
        },
      ];
    }
    el.uplot = new uPlot(opts, [xs, ...ys], el);
    el.dataset.ready = "1";
  }

  // --- network (Cytoscape.js) ----------------------------------------------------------
  function network(el) {
    const table = tableOf(el.closest("figure"));
    if (!table || typeof cytoscape === "undefined") return;
    const nodes = new Map();
    const edges = [];
    for (const row of table.tBodies[0].rows) {
      const d = row.dataset;
      for (const [id, name] of [[d.source, d.sourceName], [d.target, d.targetName]]) {
        if (!nodes.has(id)) nodes.set(id, { data: { id, label: name, events: 0 } });
      }
      const events = Number(d.events);
      nodes.get(d.source).data.events += events;
      nodes.get(d.target).data.events += events;
      const coop = Number(d.cooperation), conflict = Number(d.conflict);
      const colour = conflict > coop ? "#c62828" : coop > conflict ? "#1a7f37" : "#8a8f98";
      edges.push({ data: { id: `${d.source}>${d.target}`, source: d.source, target: d.target, events, colour } });
    }
    el.cy = cytoscape({
      container: el,
      elements: [...nodes.values(), ...edges],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 70,
        componentSpacing: 30, nodeDimensionsIncludeLabels: true },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 13, "background-color": "#0b57d0",
          width: "mapData(events, 1, 40, 14, 48)", height: "mapData(events, 1, 40, 14, 48)", color: "#1d2430",
          "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 6 } },
        { selector: "edge", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", width: "mapData(events, 1, 10, 2, 9)", opacity: 0.9 } },
      ],
    });
    el.cy.on("tap", "node", (event) => window.location.assign("/entities/" + encodeURIComponent(event.target.id())));
    el.dataset.ready = "1";
  }

  // --- map (d3-geo + topojson-client + world-atlas, no tiles) ----------------------------
  async function worldmap(el) {
    const figure = el.closest("figure");
    if (typeof d3 === "undefined" || typeof topojson === "undefined") return;
    const counts = new Map();
    for (const row of figure.querySelectorAll("table.countries tbody tr")) {
      counts.set(row.dataset.numeric, { n: Number(row.dataset.count), name: row.cells[0].textContent.trim() });
    }
    const points = [...figure.querySelectorAll("table.points tbody tr")].map((r) => ({
      lat: Number(r.dataset.lat), lon: Number(r.dataset.lon), n: Number(r.dataset.count), name: r.cells[0].textContent.trim(),
    }));
    const world = await (await fetch(el.dataset.atlas)).json();
    const land = topojson.feature(world, world.objects.countries);
    const width = 960, height = 500;
    const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
    const path = d3.geoPath(projection);
    const max = Math.max(1, ...[...counts.values()].map((c) => c.n));
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("class", "map");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", el.getAttribute("aria-label") || "map");
    const sphere = document.createElementNS(NS, "path");
    sphere.setAttribute("d", path({ type: "Sphere" }));
    sphere.setAttribute("fill", "#eef3f8");
    svg.appendChild(sphere);
    for (const feature of land.features) {
      const shape = document.createElementNS(NS, "path");
      const hit = counts.get(String(feature.id));
      // Square-root scale: a few big countries must not wash out the rest.
      const t = hit ? Math.sqrt(hit.n / max) : 0;
      shape.setAttribute("d", path(feature) || "");
      shape.setAttribute("class", "country");
      shape.setAttribute("fill", hit ? `rgba(198, 40, 40, ${0.15 + 0.85 * t})` : "#d8dde4");
      const title = document.createElementNS(NS, "title");
      title.textContent = hit ? `${hit.name}: ${hit.n}` : feature.properties.name;
      shape.appendChild(title);
      svg.appendChild(shape);
    }
    const pmax = Math.max(1, ...points.map((p) => p.n));
    for (const p of points) {
      const xy = projection([p.lon, p.lat]);
      if (!xy) continue;
      const dot = document.createElementNS(NS, "circle");
      dot.setAttribute("cx", xy[0]);
      dot.setAttribute("cy", xy[1]);
      dot.setAttribute("r", 2 + 8 * Math.sqrt(p.n / pmax));
      dot.setAttribute("class", "point");
      const title = document.createElementNS(NS, "title");
      title.textContent = `${p.name}: ${p.n}`;
      dot.appendChild(title);
      svg.appendChild(dot);
    }
    el.appendChild(svg);
    el.dataset.ready = "1";
  }

  const DRAW = { timeseries, network, worldmap };
  function drawAll() {
    for (const el of document.querySelectorAll("[data-chart]")) {
      const draw = DRAW[el.dataset.chart];
      if (!draw) continue;
      Promise.resolve(draw(el)).then(() => {
        // The chart is up: fold its table away (still one click from the numbers).
        const details = el.closest("figure") && el.closest("figure").querySelector("details.data");
        if (details && el.dataset.ready) details.open = false;
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();

// dragoman web UI: draws the charts (Plotly, served from the installed package) and links an
// article's highlights to its list of records. Pages work without it, minus charts.
(function () {
  "use strict";
  var COLORS = {AGREE: "#74c476", CONSULT: "#9ecae1", SUPPORT: "#41ab5d", CONCEDE: "#a1d99b",
    COOPERATE: "#238b45", AID: "#006d2c", RETREAT: "#c7e9c0", REQUEST: "#fdd0a2",
    ACCUSE: "#fdae6b", REJECT: "#fd8d3c", THREATEN: "#f16913", PROTEST: "#d94801",
    SANCTION: "#a63603", MOBILIZE: "#cb181d", COERCE: "#a50f15", ASSAULT: "#67000d"};
  var CONFIG = {displaylogo: false, responsive: true};

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function scoreColor(score) {
    if (score > 0.5) return "rgba(35,139,69,0.75)";
    if (score < -0.5) return "rgba(203,24,29,0.75)";
    return "rgba(120,120,120,0.6)";
  }

  function timeline(el, d) {
    if (!d.periods.length) {
      el.innerHTML = '<p class="empty">No dated events to chart.</p>';
      el.dataset.rendered = "empty";
      return;
    }
    // a real time axis: each period drawn across its own span, so a gap in time shows
    var period = {day: 86400000, month: "M1", year: "M12"}[d.bucket];
    function over(trace) {
      trace.x = d.starts; trace.xperiod = period; trace.xperiodalignment = "middle";
      trace.hovertext = d.periods; return trace;
    }
    // bar widths in milliseconds of the date axis: Plotly sizes bars by the spacing of their
    // x values, so a chart of a single period (one day of a civil war) drew them 0 wide
    var width = 0.8 * 86400000 * {day: 1, month: 30, year: 365}[d.bucket];
    var traces = Object.keys(d.types).map(function (t) {
      return over({type: "bar", name: t, y: d.types[t], marker: {color: COLORS[t]},
        width: width, hovertemplate: "%{hovertext}: %{y} " + t + "<extra></extra>"});
    });
    if (d.quotes) {
      traces.push(over({type: "scatter", mode: "markers", name: "quotes",
        y: d.quotes, marker: {symbol: "diamond", size: 10, color: "#6a51a3"}}));
    }
    traces.push(over({type: "scatter", mode: "lines+markers", name: "cooperation–conflict",
      y: d.score, yaxis: "y2", connectgaps: false,
      line: {color: "#222", width: 3}, marker: {size: 7}}));
    Plotly.newPlot(el, traces, {
      barmode: "stack", margin: {t: 10, r: 60, l: 50, b: 40}, legend: {orientation: "h", y: -0.15},
      xaxis: {type: "date", automargin: true, range: d.view},
      yaxis: {title: {text: "events"}, rangemode: "tozero"},
      yaxis2: {title: {text: "score: conflict −10 … +10 cooperation"}, overlaying: "y",
        side: "right", range: [-10.5, 10.5], tickvals: [-10, -5, 0, 5, 10], zeroline: true,
        zerolinecolor: "#bbb", showgrid: false}
    }, CONFIG).then(function () { el.dataset.rendered = "1"; });
  }

  function network(el, g) {
    if (!g.nodes.length) {
      el.innerHTML = '<p class="empty">No links to draw.</p>';
      el.dataset.rendered = "empty";
      return;
    }
    var at = {}, most = 1;
    g.nodes.forEach(function (n) { at[n.id] = n; most = Math.max(most, n.events); });
    var strongest = Math.max.apply(null, g.edges.map(function (e) { return e.events; }).concat([1]));
    var traces = g.edges.map(function (e) {
      return {type: "scatter", mode: "lines", hoverinfo: "skip", showlegend: false,
        x: [at[e.a].x, at[e.b].x], y: [at[e.a].y, at[e.b].y],
        line: {width: 0.5 + 6 * e.events / strongest, color: scoreColor(e.score)}};
    });
    traces.push({type: "scatter", mode: "markers+text", showlegend: false,
      x: g.nodes.map(function (n) { return n.x; }), y: g.nodes.map(function (n) { return n.y; }),
      text: g.nodes.map(function (n) { return n.id; }), textposition: "top center",
      customdata: g.nodes.map(function (n) {
        return n.code ? "/actor/" + encodeURIComponent(n.id)
          : "/search?actor=" + encodeURIComponent(n.id);
      }),
      hovertext: g.nodes.map(function (n) {
        return (n.name ? n.name + " (" + n.id + ")" : n.id) + ": " + n.events + " events";
      }), hoverinfo: "text",
      marker: {size: g.nodes.map(function (n) { return 8 + 28 * Math.sqrt(n.events / most); }),
        color: "#3182bd", line: {color: "#fff", width: 1}}});
    var axis = {visible: false, range: [-1.2, 1.2]};
    Plotly.newPlot(el, traces, {margin: {t: 10, r: 10, l: 10, b: 10}, xaxis: axis,
      yaxis: axis, hovermode: "closest"}, CONFIG).then(function () {
      el.dataset.rendered = "1";
      el.on("plotly_click", function (ev) {
        var target = ev.points[0].customdata;
        if (target) window.location.href = target;
      });
    });
  }

  function flash(key) {
    document.querySelectorAll(".flash").forEach(function (el) { el.classList.remove("flash"); });
    var pieces = document.querySelectorAll('#text [data-k~="' + key + '"]');
    pieces.forEach(function (el) { el.classList.add("flash"); });
    if (pieces.length) pieces[0].scrollIntoView({block: "center", behavior: "smooth"});
  }

  function article(text) {
    var info = document.getElementById("info");
    text.addEventListener("click", function (ev) {
      var piece = ev.target.closest("[data-k]");
      if (!piece || !info) return;
      info.hidden = false;
      info.textContent = "";
      if (piece.dataset.speaker) {
        var who = document.createElement("p");
        who.className = "speaker";
        who.textContent = "Speaker: " + piece.dataset.speaker;
        info.appendChild(who);
      }
      piece.title.split("\n").forEach(function (line) {
        var p = document.createElement("p");
        p.textContent = line;
        info.appendChild(p);
      });
      var quote = (piece.dataset.k.match(/\bq(\d+)\b/) || [])[1];
      if (quote !== undefined) flash("s" + quote);
    });
    document.querySelectorAll(".records [data-k]").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        history.replaceState(null, "", a.getAttribute("href"));
        flash(a.dataset.k);
      });
    });
    if (location.hash.indexOf("#k-") === 0) flash(location.hash.slice(3));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var draw = {timeline: timeline, network: network};
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var d = data(el.id + "-data");
      if (d && window.Plotly) draw[el.dataset.chart](el, d);
    });
    var text = document.getElementById("text");
    if (text) article(text);
  });
}());
